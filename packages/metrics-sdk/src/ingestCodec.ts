import { type MetricPoint, metricPointProblem } from '@squeezeflow/core'

/**
 * The one field of each entry in the ingest stream (`<prefix>:ingest:metrics`): a JSON array of MetricPoint.
 * This, `encodeBatch` and `decodeBatch` are the contract between the SDK and performance-monitor.
 */
export const INGEST_FIELD = 'p'

/** Serializes points for one stream entry. Points built by the SDK already have exactly the contract's keys. */
export function encodeBatch(points: readonly MetricPoint[]): string {
  return JSON.stringify(points)
}

/**
 * Parses one stream entry. Never throws: text that is not a JSON array yields no points, and each element that
 * is not a valid MetricPoint is skipped and reported to `onSkip` with the reason.
 */
export function decodeBatch(text: string, onSkip?: (reason: string) => void): MetricPoint[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    onSkip?.(`batch is not JSON: ${(error as Error).message}`)
    return []
  }
  if (!Array.isArray(parsed)) {
    onSkip?.('batch is not a JSON array')
    return []
  }
  const points: MetricPoint[] = []
  for (const raw of parsed) {
    const point = toMetricPoint(raw)
    if (typeof point === 'string') onSkip?.(point)
    else points.push(point)
  }
  return points
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Returns the point with only the contract's keys, or the reason it is unacceptable. */
function toMetricPoint(raw: unknown): MetricPoint | string {
  if (!isRecord(raw)) return 'point is not an object'
  const { metric_name, value, unit, service, tags, timestamp } = raw
  if (typeof metric_name !== 'string') return 'point has no string metric_name'
  if (typeof unit !== 'string') return `metric ${metric_name}: unit must be a string`
  if (typeof service !== 'string' || service === '')
    return `metric ${metric_name}: service must be a non-empty string`
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) {
    return `metric ${metric_name}: timestamp must be a finite number of ms`
  }
  if (!isRecord(tags)) return `metric ${metric_name}: tags must be an object`
  const point = {
    metric_name,
    value: value as number,
    unit,
    service,
    tags: tags as Record<string, string>,
    timestamp,
  }
  return metricPointProblem(point) ?? point
}
