import { healthSummary, serviceView } from './healthSummary.js'
import type { AppDeps, HealthBody } from './types.js'

/**
 * How long one rendering of `/health/detailed` is served. Alerts, delivery counts and recovery change between
 * cycles, so the body cannot live for a whole cycle; rebuilding it per request made it cost twice a bare
 * server's answer (README "Benchmarks"). A body is therefore rebuilt when a cycle completes, or once it is
 * this old; `generated_at` says when it was built.
 */
export const DETAILED_MAX_AGE_MS = 1000

/**
 * `/health/detailed`, answered by the server's direct path and by the app alike, rendered at most once per
 * `DETAILED_MAX_AGE_MS` within a cycle.
 */
export function createDetailedBody({
  loop,
  alerts,
  recovery,
  clock,
}: Pick<AppDeps, 'loop' | 'alerts' | 'recovery' | 'clock'>): HealthBody {
  let rendered: { cycle: number; builtAt: number; answer: ReturnType<HealthBody> } | undefined

  const render = (cycle: number, now: number): ReturnType<HealthBody> => {
    const summary = healthSummary(loop)
    const report = loop.lastReport()
    const services = [...loop.results().values()].map((r) => [r.name, serviceView(loop, r)])
    return {
      statusCode: summary.status === 'healthy' || summary.status === 'degraded' ? 200 : 503,
      body: JSON.stringify({
        status: summary.status,
        timestamp: summary.timestamp,
        cycle,
        cycle_duration_ms: report ? report.completedAt - report.startedAt : null,
        services: Object.fromEntries(services),
        alerts: {
          active: alerts.active(),
          performance: alerts.performance(),
          delivery: alerts.delivery(),
          custom_rules: alerts.customRules().active,
        },
        recovery: recovery()?.summary() ?? null,
        generated_at: new Date(now).toISOString(),
      }),
    }
  }

  return () => {
    const cycle = loop.lastReport()?.cycle ?? 0
    const now = clock()
    if (!rendered || rendered.cycle !== cycle || now - rendered.builtAt >= DETAILED_MAX_AGE_MS) {
      rendered = { cycle, builtAt: now, answer: render(cycle, now) }
    }
    return rendered.answer
  }
}
