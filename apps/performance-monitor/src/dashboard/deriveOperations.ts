import type { OperationSummary } from '@squeezeflow/core'
import type { MetricStore } from '../aggregation/createMetricStore.js'

const SUFFIXES = ['_time_ms', '_error_count', '_error_rate_percent'] as const

/** The SDK's per-operation metrics folded into one entry per operation name. */
export function deriveOperations(store: MetricStore): Record<string, OperationSummary> {
  const names = new Set<string>()
  for (const metric of store.names()) {
    const suffix = SUFFIXES.find((s) => metric.endsWith(s) && metric.length > s.length)
    if (suffix) names.add(metric.slice(0, -suffix.length))
  }
  const operations: Record<string, OperationSummary> = {}
  for (const op of [...names].sort()) {
    const count = store.info(`${op}_time_ms`)?.totalCount ?? 0
    const errors = Math.round(store.info(`${op}_error_count`)?.totalSum ?? 0)
    const rate = count > 0 ? Math.min(100, (errors / count) * 100) : errors > 0 ? 100 : 0
    operations[op] = {
      count,
      errors,
      error_rate_percent: Math.round(rate * 100) / 100,
      recent_error_rate_percent: store.info(`${op}_error_rate_percent`)?.latest?.value ?? null,
    }
  }
  return operations
}
