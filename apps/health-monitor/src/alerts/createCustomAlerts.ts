import {
  AlertDefinitionError,
  type AlertObservation,
  compareToThreshold,
  type HealthCheck,
  type PerformanceAlert,
  renderAlertMessage,
  validatePerformanceAlert,
} from '@squeezeflow/core'

/** Where a custom rule came from: added in code, or read from the `<prefix>:alert_rules` hash. */
export type CustomRuleOrigin = 'code' | 'redis'

/** A custom rule as `/status` and `/health/detailed` list it. */
export type CustomAlertRule = PerformanceAlert & { name: string; origin: CustomRuleOrigin }

interface Definition extends CustomAlertRule {
  service: string
  field: string
  /** The alert's `rule` (part of its fingerprint). */
  rule: string
}

const sanitize = (text: string) => text.replace(/[^A-Za-z0-9_.-]/g, '_')

/**
 * Threshold alerts on figures of the check results: `metric_name` is `<service>.<field>`, where the field is
 * `response_time_ms` or a numeric entry of the service's `details` (e.g. `aggr_server.data_gap_minutes`,
 * `system.cpu_percent`). Rules come from code (`add`) or from Redis (`add` with a name, `remove`).
 */
export function createCustomAlerts(source: string) {
  const definitions = new Map<string, Definition>()
  // Rules removed (or moved to another service) since the last cycle: observed cleared once, so an alert
  // they fired resolves rather than firing forever.
  let retired: Definition[] = []

  return {
    /**
     * Validates (throwing AlertDefinitionError naming the bad field) and adds or replaces a definition. A rule
     * from Redis passes its name, which is also the alert's rule; one from code is named after its service,
     * field, comparison and threshold.
     */
    add(input: unknown, from?: { name: string; origin: CustomRuleOrigin }): PerformanceAlert {
      const alert = validatePerformanceAlert(input)
      const dot = alert.metric_name.indexOf('.')
      if (dot <= 0 || dot === alert.metric_name.length - 1) {
        throw new AlertDefinitionError(
          `performance alert metric_name must be "<service>.<field>", got ${JSON.stringify(alert.metric_name)}`,
        )
      }
      const service = alert.metric_name.slice(0, dot)
      const field = alert.metric_name.slice(dot + 1)
      const rule = from?.name ?? sanitize(`${field}_${alert.comparison}_${alert.threshold_value}`)
      const name = from?.name ?? `${service}/${rule}`
      const previous = definitions.get(name)
      if (previous && previous.service !== service) retired.push(previous)
      definitions.set(name, { ...alert, name, origin: from?.origin ?? 'code', service, field, rule })
      return alert
    },
    /** Drops the rule of that name; its firing alert resolves in the next cycle. */
    remove(name: string): boolean {
      const previous = definitions.get(name)
      if (previous) retired.push(previous)
      return definitions.delete(name)
    },
    list: (): CustomAlertRule[] =>
      [...definitions.values()].map(({ service: _s, field: _f, rule: _r, ...shown }) => shown),
    /** One observation per definition: active when enabled and its figure exists and crosses the threshold. */
    observe(results: ReadonlyMap<string, HealthCheck>): AlertObservation[] {
      const cleared = retired.map((d) => ({ ...observation(d, results), active: false }))
      retired = []
      return [...cleared, ...[...definitions.values()].map((d) => observation(d, results))]
    },
  }

  function observation(d: Definition, results: ReadonlyMap<string, HealthCheck>): AlertObservation {
    const value = figure(results.get(d.service), d.field)
    const active =
      d.enabled && value !== undefined && compareToThreshold(value, d.comparison, d.threshold_value)
    const shown = value ?? Number.NaN
    return {
      source,
      rule: d.rule,
      service: d.service,
      active,
      severity: d.severity,
      message: renderAlertMessage(d.message_template, {
        value: shown,
        threshold: d.threshold_value,
        durationSeconds: d.duration_seconds,
      }),
      ...(value === undefined ? {} : { value }),
      threshold: d.threshold_value,
      durationSeconds: d.duration_seconds,
    }
  }
}

export type CustomAlerts = ReturnType<typeof createCustomAlerts>

function figure(result: HealthCheck | undefined, field: string): number | undefined {
  if (!result) return undefined
  const raw = field === 'response_time_ms' ? result.response_time_ms : result.details[field]
  if (typeof raw === 'boolean') return raw ? 1 : 0
  return typeof raw === 'number' && Number.isFinite(raw) ? raw : undefined
}
