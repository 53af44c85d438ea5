import { createMetricsRegistry } from '@squeezeflow/service-kit/prometheus'
import { Counter, Gauge, type Registry } from 'prom-client'
import type { MonitorState } from '../monitor/types.js'

const PREFIX = 'squeezeflow_perf_'

/** A counter that mirrors a running total kept elsewhere: each scrape adds what was counted since the last. */
function mirroredCounter(registry: Registry, name: string, help: string, read: () => number) {
  let seen = 0
  return new Counter({
    name: PREFIX + name,
    help,
    registers: [registry],
    collect() {
      const total = read()
      if (total > seen) this.inc(total - seen)
      seen = Math.max(seen, total)
    },
  })
}

/**
 * service-kit's registry (Node's default metrics, promtool-clean) plus `squeezeflow_perf_*`, all read from the
 * monitor's state at scrape time. Per-metric gauges carry one `metric` label (bounded by MAX_METRIC_SERIES) and a `stat` label.
 */
export function createPromRegistry(state: MonitorState): Registry {
  const registry = createMetricsRegistry()
  const counters: Array<[string, string, () => number]> = [
    ['ingested_points_total', 'Metric points ingested from the SDK stream.', () => state.ingest.points],
    ['ingested_entries_total', 'Stream entries (SDK batches) ingested.', () => state.ingest.entries],
    ['rejected_points_total', 'Points refused as invalid.', () => state.ingest.rejectedPoints],
    ['ingest_errors_total', 'Failed ingest round trips.', () => state.ingest.errors],
    [
      'ingest_dropped_entries_total',
      'Unconsumed stream entries dropped because the stream went over INGEST_BACKLOG_MAX_MB.',
      () => state.ingest.droppedEntries,
    ],
    ['refused_points_total', 'Points refused beyond MAX_METRIC_SERIES.', state.refusedPoints],
    [
      'alerts_published_total',
      'Alert transitions this instance published (once across all instances).',
      () => state.delivery.status()?.published ?? 0,
    ],
    ['dashboard_writes_total', 'Dashboard writes to Redis.', state.dashboard.writes],
  ]
  for (const [name, help, read] of counters) mirroredCounter(registry, name, help, read)

  const gauge = (name: string, help: string, labelNames: string[], collect: (g: Gauge) => void) =>
    new Gauge({
      name: PREFIX + name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset()
        collect(this)
      },
    })
  gauge('ingest_backlog_entries', 'Stream entries not yet delivered to the consumer group.', [], (g) => {
    const { backlog } = state.ingest
    if (backlog !== undefined) g.set(backlog)
  })
  gauge('ingest_stream_bytes', 'Memory of the ingest stream in Redis at the last check.', [], (g) => {
    const { streamBytes } = state.ingest
    if (streamBytes !== undefined) g.set(streamBytes)
  })
  gauge('ingest_stream_entries', 'Entries in the ingest stream at the last check.', [], (g) => {
    const { streamEntries } = state.ingest
    if (streamEntries !== undefined) g.set(streamEntries)
  })
  gauge('redis_up', '1 when the Redis connection is ready.', [], (g) =>
    g.set(state.redis.connected() ? 1 : 0),
  )
  gauge('metric_series', 'Distinct metrics kept.', [], (g) => g.set(state.store.names().length))
  gauge('dashboard_last_write_timestamp_seconds', 'Time of the last dashboard write.', [], (g) => {
    const at = state.dashboard.lastWrittenAt()
    if (at !== undefined) g.set(at / 1000)
  })
  gauge('alerts', 'Alerts by state and severity.', ['state', 'severity'], (g) => {
    for (const alert of [...state.evaluator.firing(), ...state.evaluator.pending()]) {
      g.inc({ state: alert.state, severity: alert.severity })
    }
  })
  gauge('collector_up', '1 when the collector’s last run succeeded.', ['collector'], (g) => {
    for (const [collector, status] of Object.entries(state.cycle.collectors()))
      g.set({ collector }, status.ok ? 1 : 0)
  })
  gauge(
    'metric_value',
    'Latest, p95 and p99 of each metric over its kept points.',
    ['metric', 'stat'],
    (g) => {
      for (const [metric, s] of Object.entries(state.store.summaries())) {
        for (const stat of ['latest', 'p95', 'p99'] as const) {
          const value = s[stat]
          if (value !== null) g.set({ metric, stat }, value)
        }
      }
    },
  )
  return registry
}
