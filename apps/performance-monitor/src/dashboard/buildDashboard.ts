import type {
  ActiveAlert,
  CollectorStatus,
  Dashboard,
  MemorySnapshot,
  OperationSummary,
} from '@squeezeflow/core'
import type { MetricStore } from '../aggregation/createMetricStore.js'
import type { IngestStats } from '../ingest/types.js'

/** Who writes the dashboard: its `service` without the uptime, which is computed at each build. */
export type ServiceInfo = Omit<Dashboard['service'], 'uptime_seconds'>

export interface DashboardInput {
  now: number
  service: ServiceInfo
  store: MetricStore
  firing: ActiveAlert[]
  pending: ActiveAlert[]
  ingest: Readonly<IngestStats>
  collectors: Record<string, CollectorStatus>
  memoryProfile: MemorySnapshot | undefined
  redis: { connected: boolean; state: string }
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits
const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString())

const OPERATION_SUFFIXES = ['_time_ms', '_error_count', '_error_rate_percent'] as const

/** The SDK's per-operation metrics folded into one entry per operation name. */
function deriveOperations(store: MetricStore): Record<string, OperationSummary> {
  const names = new Set<string>()
  for (const metric of store.names()) {
    const suffix = OPERATION_SUFFIXES.find((s) => metric.endsWith(s) && metric.length > s.length)
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

/** The dashboard from the current state; pure. The contract is core's `dashboardSchema`. */
export function buildDashboard(input: DashboardInput): Dashboard {
  const { now, service, store, ingest } = input
  const latest = (name: string) => {
    const value = store.info(name)?.latest?.value
    return value === undefined ? null : round(value)
  }
  const load = ['system_load_avg_1m', 'system_load_avg_5m', 'system_load_avg_15m'].map(latest)
  return {
    last_updated: new Date(now).toISOString(),
    service: {
      ...service,
      uptime_seconds: Math.max(0, Math.round((now - Date.parse(service.started_at)) / 1000)),
    },
    system: {
      cpu_percent: latest('system_cpu_percent'),
      memory_percent: latest('system_memory_percent'),
      memory_used_mb: latest('system_memory_used_mb'),
      disk_percent: latest('system_disk_percent'),
      disk_used_mb: latest('system_disk_used_mb'),
      load_avg: load.every((v) => v !== null) ? (load as [number, number, number]) : null,
      network_rx_bytes_per_sec: latest('system_network_rx_bytes_per_sec'),
      network_tx_bytes_per_sec: latest('system_network_tx_bytes_per_sec'),
    },
    process: {
      cpu_percent: latest('process_cpu_percent'),
      memory_rss_mb: latest('process_memory_rss_mb'),
      heap_used_mb: latest('process_heap_used_mb'),
      heap_total_mb: latest('process_heap_total_mb'),
    },
    metrics: store.summaries(),
    operations: deriveOperations(store),
    active_alerts: input.firing,
    pending_alerts: input.pending,
    ingest: {
      points_ingested: ingest.points,
      points_rejected: ingest.rejectedPoints,
      entries_ingested: ingest.entries,
      backlog_entries: ingest.backlog ?? null,
      stream_bytes: ingest.streamBytes ?? null,
      stream_entries: ingest.streamEntries ?? null,
      dropped_entries: ingest.droppedEntries,
      last_ingest_at: iso(ingest.lastIngestAt),
      errors: ingest.errors,
      last_error: ingest.lastError ?? null,
    },
    collectors: input.collectors,
    memory_profile: input.memoryProfile ?? null,
    redis: input.redis,
  }
}
