import { type CachedResponse, sendCached } from '@squeezeflow/service-kit/http'
import { Router } from 'express'
import type { RouteDeps } from './types.js'

/** The Prometheus text of the monitor's own registry, collected once per collection cycle. */
export function metricsResponse({ registry, responses, generation }: RouteDeps): Promise<CachedResponse> {
  return responses.get('metrics', generation(), async () => ({
    body: await registry.metrics(),
    contentType: registry.contentType,
  }))
}

/** `/metrics`: Prometheus text exposition, answered 304 to a request that already has this cycle's. */
export function prometheusRoutes(deps: RouteDeps): Router {
  const router = Router()
  router.get('/metrics', async (req, res) => {
    sendCached(req, res, await metricsResponse(deps))
  })
  return router
}
