import { sendCached } from '@squeezeflow/service-kit/http'
import { Router } from 'express'
import type { RouteDeps } from './types.js'

/** `/metrics`: Prometheus text exposition of the monitor's own registry, collected once per collection cycle. */
export function prometheusRoutes({ registry, responses, generation }: RouteDeps): Router {
  const router = Router()
  router.get('/metrics', async (req, res) => {
    const body = await responses.get('metrics', generation(), async () => ({
      body: await registry.metrics(),
      contentType: registry.contentType,
    }))
    sendCached(req, res, body)
  })
  return router
}
