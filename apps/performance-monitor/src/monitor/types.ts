import type { MetricStore } from '../aggregation/createMetricStore.js'
import type { AlertDelivery } from '../alerts/createAlertDelivery.js'
import type { AlertEvaluator } from '../alerts/createAlertEvaluator.js'
import type { RuleRegistry } from '../alerts/createRuleRegistry.js'
import type { IngestStats } from '../ingest/types.js'
import type { MemoryProfiler } from '../profiling/createMemoryProfiler.js'
import type { CollectionCycle } from './createCollectionCycle.js'

/** What the HTTP routes, the Prometheus collectors and the dashboard read from a running monitor. */
export interface MonitorState {
  store: MetricStore
  evaluator: AlertEvaluator
  /** The evaluator's rules with their origin, and the runtime rules refused. */
  rules: Pick<RuleRegistry, 'list' | 'rejected'>
  /** The shared announcement of alert transitions and their delivery to Alertmanager. */
  delivery: Pick<AlertDelivery, 'status'>
  cycle: CollectionCycle
  ingest: Readonly<IngestStats>
  /** Undefined when ENABLE_MEMORY_TRACKING is off. */
  profiler: MemoryProfiler | undefined
  redis: { connected(): boolean; state(): string; lastError(): string | undefined }
  dashboard: { lastWrittenAt(): number | undefined; writes(): number }
  /** Points refused because MAX_METRIC_SERIES names were already kept. */
  refusedPoints(): number
  /** Seconds between collection cycles. */
  collectionIntervalSeconds: number
  startedAt: number
}
