import { Router } from 'express'
import type { AppDeps } from './types.js'

/** `/metrics`: the monitor's own registry in Prometheus text. */
export function metricsRoutes({ registry }: Pick<AppDeps, 'registry'>): Router {
  const router = Router()
  router.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics())
  })
  return router
}
