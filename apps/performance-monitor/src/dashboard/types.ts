import type { MetricSummary } from '../aggregation/createMetricStore.js'
import type { ActiveAlert } from '../alerts/createAlertEvaluator.js'
import type { CollectorStatus } from '../monitor/createCollectionCycle.js'
import type { MemorySnapshot } from '../profiling/types.js'
import type { OperationSummary } from './deriveOperations.js'

/** Who wrote the dashboard. */
export interface ServiceInfo {
  name: string
  version: string
  hostname: string
  pid: number
  node_version: string
  /** ISO-8601. */
  started_at: string
}

/**
 * `<prefix>:dashboard:performance` and `GET /dashboard` (JSON contract; the README documents it). Figures that
 * were not measured yet are null.
 */
export interface Dashboard {
  /** ISO-8601 time this dashboard was built; the health-monitor judges freshness by it. */
  last_updated: string
  service: ServiceInfo & { uptime_seconds: number }
  system: {
    cpu_percent: number | null
    memory_percent: number | null
    memory_used_mb: number | null
    disk_percent: number | null
    disk_used_mb: number | null
    /** 1, 5 and 15 minute load averages. */
    load_avg: [number, number, number] | null
    network_rx_bytes_per_sec: number | null
    network_tx_bytes_per_sec: number | null
  }
  process: {
    cpu_percent: number | null
    memory_rss_mb: number | null
    heap_used_mb: number | null
    heap_total_mb: number | null
  }
  /** Every metric's aggregates over its kept points (at most MAX_METRICS_DATA_POINTS). */
  metrics: Record<string, MetricSummary>
  operations: Record<string, OperationSummary>
  /** Firing alerts with how long their condition has held. */
  active_alerts: ActiveAlert[]
  /** Conditions that hold but not yet for their duration. */
  pending_alerts: ActiveAlert[]
  ingest: {
    points_ingested: number
    points_rejected: number
    entries_ingested: number
    backlog_entries: number | null
    /** Memory of the ingest stream in Redis at the last check, bounded by INGEST_BACKLOG_MAX_MB. */
    stream_bytes: number | null
    stream_entries: number | null
    /** Unconsumed entries dropped because the stream went over INGEST_BACKLOG_MAX_MB. */
    dropped_entries: number
    last_ingest_at: string | null
    errors: number
    last_error: string | null
  }
  collectors: Record<string, CollectorStatus>
  /** The latest heap profile's top allocation sites; null when memory tracking is off or none was taken yet. */
  memory_profile: MemorySnapshot | null
  redis: { connected: boolean; state: string }
}
