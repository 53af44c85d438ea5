import { Router } from 'express'
import type { AppDeps } from './types.js'

/**
 * `/alerts`: the active rules with their origin (`default`, `file`, `code`, `redis`), the rules in
 * `<prefix>:alert_rules` this monitor refused and why, this instance's firing and pending alerts, and the
 * shared delivery's counts (null before `start()`).
 */
export function alertRoutes({ state }: AppDeps): Router {
  const router = Router()
  router.get('/alerts', (_req, res) => {
    res.json({
      rules: state.rules.list(),
      rejected: state.rules.rejected(),
      firing: state.evaluator.firing(),
      pending: state.evaluator.pending(),
      delivery: state.delivery.status() ?? null,
    })
  })
  return router
}
