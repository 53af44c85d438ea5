import { sendCached } from '@squeezeflow/service-kit/http'
import { Router } from 'express'
import type { AppDeps } from './types.js'

/** `/metrics` with an ETag (304 for a client that has this cycle's text). */
export function metricsRoutes({ metricsBody }: Pick<AppDeps, 'metricsBody'>): Router {
  const router = Router()
  router.get('/metrics', async (req, res) => {
    sendCached(req, res, await metricsBody())
  })
  return router
}
