import type { Dashboard } from '@squeezeflow/core'

/** One operation a service timed with the metrics SDK, as performance-monitor's dashboard sums it up. */
export interface SdkOperation {
  operation: string
  /** p95 of `<operation>_time_ms` over the dashboard's window; null when the window holds no run. */
  p95_ms: number | null
  count: number
  errors: number
  error_rate_percent: number
  recent_error_rate_percent: number | null
}

const TIME_SUFFIX = '_time_ms'
const ERROR_SUFFIXES = ['_error_count', '_error_rate_percent']
/** Enough to show where the time goes without copying the dashboard. */
export const MAX_SDK_OPERATIONS = 10

/** `aggr-server` and `aggr_server` are the same service: SDK users name theirs either way. */
const sameService = (a: string, b: string) => a.replaceAll('-', '_') === b.replaceAll('-', '_')

function operationOf(metric: string): string | undefined {
  if (metric.endsWith(TIME_SUFFIX)) return metric.slice(0, -TIME_SUFFIX.length)
  const suffix = ERROR_SUFFIXES.find((s) => metric.endsWith(s))
  return suffix === undefined ? undefined : metric.slice(0, -suffix.length)
}

/**
 * The operations `service` recorded (its `<operation>_time_ms` and error metrics), slowest p95 first; an
 * operation's counts are the dashboard's `operations` entry. Empty when the service records nothing.
 */
export function sdkOperations(dashboard: Dashboard, service: string): SdkOperation[] {
  const names = new Set<string>()
  for (const [metric, summary] of Object.entries(dashboard.metrics)) {
    const operation = operationOf(metric)
    if (operation !== undefined && sameService(summary.service, service)) names.add(operation)
  }
  const operations = [...names].map((operation): SdkOperation => {
    const counts = dashboard.operations[operation]
    return {
      operation,
      p95_ms: dashboard.metrics[`${operation}${TIME_SUFFIX}`]?.p95 ?? null,
      count: counts?.count ?? 0,
      errors: counts?.errors ?? 0,
      error_rate_percent: counts?.error_rate_percent ?? 0,
      recent_error_rate_percent: counts?.recent_error_rate_percent ?? null,
    }
  })
  operations.sort((a, b) => (b.p95_ms ?? -1) - (a.p95_ms ?? -1) || a.operation.localeCompare(b.operation))
  return operations.slice(0, MAX_SDK_OPERATIONS)
}
