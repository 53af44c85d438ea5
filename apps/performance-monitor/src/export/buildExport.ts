import type { MetricStore } from '../aggregation/createMetricStore.js'
import type { SeriesPoint } from '../aggregation/types.js'

export interface ExportedMetric {
  unit: string
  service: string
  points: SeriesPoint[]
}

/** `GET /export/metrics.json`: the kept points of each metric, oldest first. */
export interface MetricsExport {
  /** ISO-8601. */
  generated_at: string
  /** null: all kept points. */
  window_seconds: number | null
  metrics: Record<string, ExportedMetric>
}

/** The points of `names` (default: every metric) within the window, from the store. */
export function buildExport(
  store: MetricStore,
  options: { now: number; windowSeconds?: number; names?: readonly string[] },
): MetricsExport {
  const metrics: Record<string, ExportedMetric> = {}
  for (const name of options.names ?? store.names()) {
    const info = store.info(name)
    const points = store.points(name, options.windowSeconds)
    if (info && points) metrics[name] = { unit: info.unit, service: info.service, points }
  }
  return {
    generated_at: new Date(options.now).toISOString(),
    window_seconds: options.windowSeconds ?? null,
    metrics,
  }
}

const CSV_HEADER = ['timestamp_ms', 'time', 'metric', 'value', 'unit', 'service']

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(value: string | number): string {
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** `GET /export/metrics.csv`: one row per point, metrics in name order, points oldest first. */
export function toCsv(data: MetricsExport): string {
  const lines = [CSV_HEADER.join(',')]
  for (const [name, metric] of Object.entries(data.metrics)) {
    for (const { timestamp, value } of metric.points) {
      const row = [timestamp, new Date(timestamp).toISOString(), name, value, metric.unit, metric.service]
      lines.push(row.map(csvField).join(','))
    }
  }
  return `${lines.join('\r\n')}\r\n`
}
