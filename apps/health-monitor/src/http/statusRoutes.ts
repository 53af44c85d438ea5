import { Router } from 'express'
import type { AppDeps } from './types.js'
import { healthSummary } from './views.js'

/** `/status` (an overview of the monitor itself), `/livez` and `/readyz`. */
export function statusRoutes({
  loop,
  alerts,
  recovery,
  redisState,
  startedAt,
  clock,
  checkTimeoutSeconds,
}: AppDeps): Router {
  const router = Router()
  // A cycle in flight may take the check timeout on top of the interval.
  const livenessWindowMs = (3 * loop.intervalSeconds + checkTimeoutSeconds) * 1000

  function lastProgressMs(): number {
    return loop.lastReport()?.completedAt ?? startedAt.getTime()
  }

  router.get('/status', (_req, res) => {
    const report = loop.lastReport()
    const now = clock()
    res.json({
      service: 'health-monitor',
      status: healthSummary(loop).status,
      started_at: startedAt.toISOString(),
      uptime_seconds: Math.round((now - startedAt.getTime()) / 1000),
      check_interval_seconds: loop.intervalSeconds,
      cycles: report?.cycle ?? 0,
      last_cycle_at: report ? new Date(report.completedAt).toISOString() : null,
      checks: loop
        .names()
        .map((name) => ({ name, critical: loop.isCritical(name), status: loop.results().get(name)?.status })),
      redis: redisState(),
      alerts: {
        active: alerts.active().length,
        ...alerts.stats(),
        performance_firing: alerts.performance().firing.length,
      },
      recovery: recovery?.summary() ?? null,
    })
  })

  // Liveness ignores Redis and the monitored services: only a stuck loop should get the monitor restarted.
  router.get('/livez', (_req, res) => {
    const sinceMs = clock() - lastProgressMs()
    const alive = sinceMs <= livenessWindowMs
    res.status(alive ? 200 : 503).json({
      status: alive ? 'alive' : 'stuck',
      last_cycle_at: loop.lastReport() ? new Date(lastProgressMs()).toISOString() : null,
      seconds_since_progress: Math.round(sinceMs / 1000),
    })
  })

  router.get('/readyz', (_req, res) => {
    const ready = loop.lastReport() !== undefined
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'starting' })
  })

  return router
}
