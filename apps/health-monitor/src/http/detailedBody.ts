import type { HealthBody } from './createServer.js'
import { healthSummary, serviceView } from './healthSummary.js'
import type { AppDeps } from './types.js'

/**
 * `/health/detailed`, answered by the server's direct path and by the app alike. The services, the bulk of
 * it, change only once per cycle: they are serialized then, not per request; alerts and recovery are read
 * as they are now.
 */
export function createDetailedBody({
  loop,
  alerts,
  recovery,
  clock,
}: Pick<AppDeps, 'loop' | 'alerts' | 'recovery' | 'clock'>): HealthBody {
  let services: { cycle: number; json: string } | undefined
  const servicesJson = (cycle: number): string => {
    if (services?.cycle !== cycle) {
      const views = [...loop.results().values()].map((r) => [r.name, serviceView(loop, r)])
      services = { cycle, json: JSON.stringify(Object.fromEntries(views)) }
    }
    return services.json
  }
  return () => {
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
    return {
      statusCode: summary.status === 'healthy' || summary.status === 'degraded' ? 200 : 503,
      // The placeholder is the first `"services":` in the text: the fields before it are plain values.
      body: rest.replace('"services":null', `"services":${servicesJson(cycle)}`),
    }
  }
}
