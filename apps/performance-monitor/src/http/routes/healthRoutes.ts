import { httpStatusFor } from '@squeezeflow/core'
import type { Router } from 'express'
import { buildHealth } from '../../monitor/buildHealth.js'
import type { AppDeps } from '../types.js'

/** `/health`: 200 healthy or degraded, 503 worse. `/livez`: 200 while the process serves HTTP. */
export function healthRoutes(router: Router, { state, clock }: AppDeps): void {
  router.get('/health', (_req, res) => {
    const report = buildHealth(state, clock())
    res.status(httpStatusFor(report.status)).json(report)
  })
  router.get('/livez', (_req, res) => {
    res.json({
      status: 'alive',
      started_at: new Date(state.startedAt).toISOString(),
      redis: state.redis.state(),
    })
  })
}
