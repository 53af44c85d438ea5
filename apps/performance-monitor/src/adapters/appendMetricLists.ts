import type { IngestSeries, RedisKeys } from '@squeezeflow/core'
import type { MetricColumn } from '../ingest/createIngestBatch.js'

/** The commands of a MULTI or pipeline that this module needs; both node-redis builders have them. */
export interface ListCommands {
  lPush(key: string, elements: string[]): unknown
  lTrim(key: string, start: number, stop: number): unknown
  expire(key: string, seconds: number): unknown
}

export interface MetricListOptions {
  keys: RedisKeys
  /** Points kept per list. Default in config: 1000. */
  length: number
  ttlSeconds: number
}

/**
 * Queues, per metric, LPUSH of its newest `length` points by timestamp (oldest first, so the newest ends up at the
 * head), LTRIM to the newest `length` and EXPIRE: `<prefix>:metrics:<name>` stays newest first, bounded and
 * expiring. The ingest loop already limits how many points it passes (LIST_POINTS_PER_WRITE).
 */
export function appendMetricLists(
  commands: ListCommands,
  metrics: readonly MetricColumn[],
  options: MetricListOptions,
) {
  for (const column of metrics) {
    const key = options.keys.metric(column.name)
    const elements = newestFirstToLast(column, options.length).map((k) =>
      pointJson(
        column.seriesOf[k] as IngestSeries,
        column.values[k] as number,
        column.timestamps[k] as number,
      ),
    )
    commands.lPush(key, elements)
    commands.lTrim(key, 0, options.length - 1)
    commands.expire(key, options.ttlSeconds)
  }
}

/** Indices of the `max` newest points by timestamp, oldest of them first; ties keep their order. */
function newestFirstToLast({ timestamps }: MetricColumn, max: number): number[] {
  const n = timestamps.length
  let ordered = true
  for (let k = 1; k < n && ordered; k++) ordered = (timestamps[k] as number) >= (timestamps[k - 1] as number)
  if (ordered) return Array.from({ length: Math.min(n, max) }, (_, k) => n - Math.min(n, max) + k)
  const indices = Array.from({ length: n }, (_, k) => k)
  indices.sort((a, b) => (timestamps[a] as number) - (timestamps[b] as number))
  return indices.slice(-max)
}

/** JSON.stringify of the MetricPoint, from text built once per series: only the two numbers change per point. */
const templates = new WeakMap<IngestSeries, readonly [string, string]>()

function pointJson(series: IngestSeries, value: number, timestamp: number): string {
  let template = templates.get(series)
  if (template === undefined) {
    const { metric_name, unit, service, tags } = series
    template = [
      `{"metric_name":${JSON.stringify(metric_name)},"value":`,
      `,"unit":${JSON.stringify(unit)},"service":${JSON.stringify(service)},"tags":${JSON.stringify(tags)},"timestamp":`,
    ]
    templates.set(series, template)
  }
  // Finite numbers (the decoder checked) print the same through String as through JSON.stringify.
  return `${template[0]}${value}${template[1]}${timestamp}}`
}
