import {
  AlertDefinitionError,
  type AlertObservation,
  compareToThreshold,
  type HealthCheck,
  type PerformanceAlert,
  renderAlertMessage,
  validatePerformanceAlert,
} from '@squeezeflow/core'

/**
 * Threshold alerts added in code, on figures of the check results: `metric_name` is `<service>.<field>`,
 * where the field is `response_time_ms` or a numeric entry of the service's `details`
 * (e.g. `aggr_server.data_gap_minutes`, `system.cpu_percent`).
 */
export function createCustomAlerts(source: string) {
  const definitions = new Map<string, PerformanceAlert & { service: string; field: string; rule: string }>()

  return {
    /** Validates (throwing AlertDefinitionError naming the bad field) and adds or replaces a definition. */
    add(input: unknown): PerformanceAlert {
      const alert = validatePerformanceAlert(input)
      const dot = alert.metric_name.indexOf('.')
      if (dot <= 0 || dot === alert.metric_name.length - 1) {
        throw new AlertDefinitionError(
          `performance alert metric_name must be "<service>.<field>", got ${JSON.stringify(alert.metric_name)}`,
        )
      }
      const service = alert.metric_name.slice(0, dot)
      const field = alert.metric_name.slice(dot + 1)
      const rule = `${field}_${alert.comparison}_${alert.threshold_value}`.replace(/[^A-Za-z0-9_.-]/g, '_')
      definitions.set(`${service}/${rule}`, { ...alert, service, field, rule })
      return alert
    },
    list: (): PerformanceAlert[] => [...definitions.values()],
    /** One observation per enabled definition: active when its figure exists and crosses the threshold. */
    observe(results: ReadonlyMap<string, HealthCheck>): AlertObservation[] {
      return [...definitions.values()]
        .filter((d) => d.enabled)
        .map((d) => {
          const value = figure(results.get(d.service), d.field)
          const active = value !== undefined && compareToThreshold(value, d.comparison, d.threshold_value)
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
        })
    },
  }
}

function figure(result: HealthCheck | undefined, field: string): number | undefined {
  if (!result) return undefined
  const raw = field === 'response_time_ms' ? result.response_time_ms : result.details[field]
  if (typeof raw === 'boolean') return raw ? 1 : 0
  return typeof raw === 'number' && Number.isFinite(raw) ? raw : undefined
}
