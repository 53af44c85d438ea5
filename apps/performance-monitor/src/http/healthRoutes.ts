import { httpStatusFor } from '@squeezeflow/core'
import { livenessOf } from '@squeezeflow/service-kit/scheduling'
import { Router } from 'express'
import { buildHealth } from '../monitor/buildHealth.js'
import type { AppDeps } from './types.js'

/** `/health` as a status code and a JSON text: built per request (it is cheap), by the route and the direct path. */
export function renderHealth({ state, clock }: Pick<AppDeps, 'state' | 'clock'>): {
  statusCode: number
  body: string
} {
  const report = buildHealth(state, clock())
  return { statusCode: httpStatusFor(report.status), body: JSON.stringify(report) }
}

/**
 * `/health`: 200 healthy or degraded, 503 worse. `/livez`: 503 naming the stalled task(s) when a loop has not
 * completed a run for 3 of its intervals, else 200; Redis plays no part (docs/architecture.md).
 */
export function healthRoutes(deps: AppDeps): Router {
  const { watched, clock } = deps
  const router = Router()
  router.get('/health', (_req, res) => {
    const { statusCode, body } = renderHealth(deps)
    res.status(statusCode).type('json').send(body)
  })
  router.get('/livez', (_req, res) => {
    const { alive, stalled, tasks: progress } = livenessOf(watched, clock())
    res.status(alive ? 200 : 503).json({ status: alive ? 'alive' : 'stalled', stalled, tasks: progress })
  })
  return router
}
