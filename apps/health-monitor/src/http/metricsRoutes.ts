import { createRenderCache, sendCached } from '@squeezeflow/service-kit/http'
import { Router } from 'express'
import type { AppDeps } from './types.js'

/**
 * `/metrics`: the monitor's own registry in Prometheus text, collected once per check cycle (every figure
 * changes only then), with an ETag; scrapers and people asking within a cycle cost no collection.
 */
export function metricsRoutes({ registry, loop }: Pick<AppDeps, 'registry' | 'loop'>): Router {
  const router = Router()
  const responses = createRenderCache({ maxEntries: 1 })
  router.get('/metrics', async (req, res) => {
    const cycle = loop.lastReport()?.cycle ?? 0
    const body = await responses.get('metrics', cycle, async () => ({
      body: await registry.metrics(),
      contentType: registry.contentType,
    }))
    sendCached(req, res, body)
  })
  return router
}
