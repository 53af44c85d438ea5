import { Router } from 'express'
import { UPTIME_WINDOWS } from '../statusPage/statusBuckets.js'
import { healthSummary, serviceView } from './healthSummary.js'
import type { AppDeps } from './types.js'

/** `/health`, `/health/detailed`, `/health/service/:name` and its history, all from the last cycle. */
export function healthRoutes({ loop, healthBody, alerts, recovery, clock, statusPage }: AppDeps): Router {
  const router = Router()

  router.get('/health', (_req, res) => {
    const { statusCode, body } = healthBody()
    res.status(statusCode).type('application/json').send(body)
  })

  // The services, the bulk of the answer, change only once per cycle: serialized then, not per request.
  let services: { cycle: number; json: string } | undefined
  const servicesJson = (cycle: number): string => {
    if (services?.cycle !== cycle) {
      const views = [...loop.results().values()].map((r) => [r.name, serviceView(loop, r)])
      services = { cycle, json: JSON.stringify(Object.fromEntries(views)) }
    }
    return services.json
  }

  router.get('/health/detailed', (_req, res) => {
    const summary = healthSummary(loop)
    const report = loop.lastReport()
    const cycle = report?.cycle ?? 0
    const rest = JSON.stringify({
      status: summary.status,
      timestamp: summary.timestamp,
      cycle,
      cycle_duration_ms: report ? report.completedAt - report.startedAt : null,
      services: null,
      alerts: {
        active: alerts.active(),
        performance: alerts.performance(),
        delivery: alerts.delivery(),
        custom_rules: alerts.customRules().active,
      },
      recovery: recovery()?.summary() ?? null,
      generated_at: new Date(clock()).toISOString(),
    })
    res
      .status(summary.status === 'healthy' || summary.status === 'degraded' ? 200 : 503)
      .type('application/json')
      .send(rest.replace('"services":null', `"services":${servicesJson(cycle)}`))
  })

  router.get('/health/service/:name', (req, res) => {
    const result = loop.results().get(req.params.name)
    if (!result) return unknownService(res, req.params.name, loop.names())
    res.json({
      ...serviceView(loop, result),
      uptime: UPTIME_WINDOWS.map((window) => statusPage.uptime(result.name, window)),
      recovery: recovery()?.statusFor(result.name) ?? null,
    })
  })

  router.get('/health/service/:name/history', (req, res) => {
    const { name } = req.params
    if (!loop.has(name)) return unknownService(res, name, loop.names())
    const results = loop.history(name)
    res.json({ name, count: results.length, results })
  })

  return router
}

function unknownService(res: import('express').Response, name: string, known: string[]): void {
  res.status(404).json({ error: 'not_found', message: `unknown service "${name}"`, services: known })
}
