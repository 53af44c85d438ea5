import type { MetricStore } from '../aggregation/createMetricStore.js'
import type { MetricLatest } from './createAlertEvaluator.js'

/**
 * The latest value of every metric that reported within `staleAfterMs`. A metric that has gone quiet drops out,
 * so its alert resolves instead of firing forever on its last value (as Prometheus treats stale series).
 */
export function freshLatestValues(store: MetricStore, nowMs: number, staleAfterMs: number): MetricLatest[] {
  return store.names().flatMap((name) => {
    const info = store.info(name)
    const latest = info?.latest
    if (!info || !latest || nowMs - latest.timestamp > staleAfterMs) return []
    return [{ name, service: info.service, value: latest.value }]
  })
}
