import { Router } from 'express'
import { healthSummary } from './healthSummary.js'
import type { AppDeps } from './types.js'

/** `/status` (an overview of the monitor itself), `/livez` and `/readyz`. */
export function statusRoutes({
  loop,
  alerts,
  recovery,
  redisState,
  liveness,
  startedAt,
  clock,
}: AppDeps): Router {
  const router = Router()

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
        performance_firing: alerts.performance().firing.length,
      },
      alert_delivery: alerts.delivery(),
      custom_alert_rules: alerts.customRules(),
      recovery: recovery()?.summary() ?? null,
    })
  })

  // Liveness ignores Redis and the monitored services: only a stalled task should get the monitor restarted.
  router.get('/livez', (_req, res) => {
    const { alive, stalled, tasks } = liveness()
    res.status(alive ? 200 : 503).json({ status: alive ? 'alive' : 'stalled', stalled, tasks })
  })

  router.get('/readyz', (_req, res) => {
    const ready = loop.lastReport() !== undefined
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'starting' })
  })

  return router
}
