import { Router } from 'express'
import { parseLimit } from './parseQuery.js'
import type { AppDeps } from './types.js'

/** `/profile/memory?limit=`: the latest heap profile snapshots (top allocation sites), newest first. */
export function profileRoutes({ state }: AppDeps): Router {
  const router = Router()
  router.get('/profile/memory', (req, res) => {
    const limit = parseLimit(req.query, 100) ?? 100
    const snapshots = state.profiler?.snapshots().reverse().slice(0, limit) ?? []
    res.json({ enabled: state.profiler !== undefined, snapshots })
  })
  return router
}
