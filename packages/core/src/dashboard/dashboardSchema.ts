import { en } from 'zod/locales'
import * as z from 'zod/mini'
import { ALERT_SEVERITIES, ALERT_STATES } from '../alert.js'

// zod's mini build, whose parts are imported one by one: both monitors load this schema, and the full build
// carried ≈ 0.5 MB of source into each one's heap (README "Benchmarks"). English problem messages, as the full
// build gives by default.
z.config(en())

/**
 * The performance dashboard: `<prefix>:dashboard:performance` in Redis (TTL 1 h) and `GET /dashboard` of
 * performance-monitor. performance-monitor writes it; health-monitor and the status page read it. Figures
 * not measured yet are null. docs/architecture.md describes who writes and reads it; the README lists fields.
 */
const nullableNumber = z.nullable(z.number())

export const TRENDS = ['increasing', 'decreasing', 'stable'] as const

/** Statistics of one metric over a window; null when the window holds no point. */
export const metricAggregatesSchema = z.object({
  count: z.number(),
  mean: nullableNumber,
  median: nullableNumber,
  /** Population standard deviation. */
  std: nullableNumber,
  min: nullableNumber,
  max: nullableNumber,
  /** Within 1 % of the exact value (DDSketch relative accuracy). */
  p95: nullableNumber,
  p99: nullableNumber,
  /** The most recently added value in the window. */
  latest: nullableNumber,
  trend: z.enum(TRENDS),
})

export const metricSummarySchema = z.extend(metricAggregatesSchema, {
  unit: z.string(),
  /** The service that recorded the latest point. */
  service: z.string(),
  /** The window, or null for all kept points. */
  window_seconds: nullableNumber,
})

/** Counts of one operation recorded with an SDK, since performance-monitor started. */
export const operationSummarySchema = z.object({
  /** Timed runs: points of `<operation>_time_ms`. */
  count: z.number(),
  /** Sum of `<operation>_error_count` points. */
  errors: z.number(),
  /** errors / count × 100, at most 100 (100 for errors without timed runs). */
  error_rate_percent: z.number(),
  /** Latest `<operation>_error_rate_percent` the SDK reported for its last interval, if any. */
  recent_error_rate_percent: nullableNumber,
})

/** An alert as published on the alert channels (core's Alert) with how long its condition has held. */
export const activeAlertSchema = z.object({
  source: z.string(),
  rule: z.string(),
  service: z.string(),
  fingerprint: z.string(),
  severity: z.enum(ALERT_SEVERITIES),
  state: z.enum(ALERT_STATES),
  message: z.string(),
  value: z.optional(z.number()),
  threshold: z.optional(z.number()),
  duration_seconds: z.number(),
  started_at: z.string(),
  fired_at: z.optional(z.string()),
  resolved_at: z.optional(z.string()),
  repeat: z.boolean(),
  timestamp: z.string(),
  active_for_seconds: z.number(),
})

export const collectorStatusSchema = z.object({
  ok: z.boolean(),
  /** Null until the collector first fails. */
  last_error: z.nullable(z.string()),
  /** ISO time of the collector's last successful run. */
  last_success: z.nullable(z.string()),
})

/** Where live memory was allocated: the Node counterpart of a tracemalloc top-stats line. */
export const allocationSiteSchema = z.object({
  function: z.string(),
  /** Script URL, or a V8 pseudo-location such as `(V8 API)` for native allocations. */
  url: z.string(),
  /** 1-based; 0 when V8 gives no line. */
  line: z.number(),
  bytes: z.number(),
  /** Share of all sampled live bytes. */
  percent: z.number(),
})

export const memorySnapshotSchema = z.object({
  timestamp: z.string(),
  /** Sampled live bytes in total. */
  total_bytes: z.number(),
  top: z.array(allocationSiteSchema),
})

export const dashboardSchema = z.object({
  /** ISO-8601 time this dashboard was built; readers judge freshness by it. */
  last_updated: z.iso.datetime(),
  service: z.object({
    name: z.string(),
    version: z.string(),
    hostname: z.string(),
    pid: z.number(),
    node_version: z.string(),
    started_at: z.string(),
    uptime_seconds: z.number(),
  }),
  system: z.object({
    cpu_percent: nullableNumber,
    memory_percent: nullableNumber,
    memory_used_mb: nullableNumber,
    disk_percent: nullableNumber,
    disk_used_mb: nullableNumber,
    /** 1, 5 and 15 minute load averages. */
    load_avg: z.nullable(z.tuple([z.number(), z.number(), z.number()])),
    network_rx_bytes_per_sec: nullableNumber,
    network_tx_bytes_per_sec: nullableNumber,
  }),
  process: z.object({
    cpu_percent: nullableNumber,
    memory_rss_mb: nullableNumber,
    heap_used_mb: nullableNumber,
    heap_total_mb: nullableNumber,
  }),
  /** Every metric's aggregates over its kept points (at most MAX_METRICS_DATA_POINTS). */
  metrics: z.record(z.string(), metricSummarySchema),
  operations: z.record(z.string(), operationSummarySchema),
  /** Firing alerts with how long their condition has held. */
  active_alerts: z.array(activeAlertSchema),
  /** Conditions that hold but not yet for their duration. */
  pending_alerts: z.array(activeAlertSchema),
  ingest: z.object({
    points_ingested: z.number(),
    points_rejected: z.number(),
    entries_ingested: z.number(),
    backlog_entries: nullableNumber,
    /** Memory of the ingest stream in Redis at the last check, bounded by INGEST_BACKLOG_MAX_MB. */
    stream_bytes: nullableNumber,
    stream_entries: nullableNumber,
    /** Unconsumed entries dropped because the stream went over INGEST_BACKLOG_MAX_MB. */
    dropped_entries: z.number(),
    last_ingest_at: z.nullable(z.string()),
    errors: z.number(),
    last_error: z.nullable(z.string()),
  }),
  collectors: z.record(z.string(), collectorStatusSchema),
  /** The latest heap profile's top allocation sites; null when memory tracking is off or none was taken yet. */
  memory_profile: z.nullable(memorySnapshotSchema),
  redis: z.object({ connected: z.boolean(), state: z.string() }),
})

export type MetricAggregates = z.infer<typeof metricAggregatesSchema>
export type Trend = (typeof TRENDS)[number]
export type MetricSummary = z.infer<typeof metricSummarySchema>
export type OperationSummary = z.infer<typeof operationSummarySchema>
export type ActiveAlert = z.infer<typeof activeAlertSchema>
export type CollectorStatus = z.infer<typeof collectorStatusSchema>
export type AllocationSite = z.infer<typeof allocationSiteSchema>
export type MemorySnapshot = z.infer<typeof memorySnapshotSchema>
export type Dashboard = z.infer<typeof dashboardSchema>
