import { Router } from 'express'
import type { AppDeps } from './types.js'

/** `/metrics`: Prometheus text exposition of the monitor's own registry. */
export function prometheusRoutes({ registry }: AppDeps): Router {
  const router = Router()
  router.get('/metrics', async (_req, res) => {
    const body = await registry.metrics()
    res.type(registry.contentType).send(body)
  })
  return router
}
