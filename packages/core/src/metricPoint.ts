/**
 * One measurement as it travels from the SDK to performance-monitor (the ingest stream) and as it is kept in
 * `<prefix>:metrics:<metric_name>` lists. JSON field names are the wire contract.
 */
export interface MetricPoint {
  metric_name: string
  value: number
  /** e.g. `ms`, `percent`, `bytes`, `count`. */
  unit: string
  /** The service that recorded it, e.g. `strategy-runner`. */
  service: string
  tags: Record<string, string>
  /** Milliseconds since the Unix epoch. */
  timestamp: number
}

export const METRIC_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_.]{0,127}$/
export const TAG_KEY_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/
/** Tag values longer than this are rejected: they are labels, not payloads. */
export const MAX_TAG_VALUE_LENGTH = 128
export const MAX_TAGS_PER_POINT = 8

export class MetricValidationError extends Error {
  override name = 'MetricValidationError'
}

/** Returns the reason a point is unacceptable, or undefined when it is fine. */
export function metricPointProblem(point: MetricPoint): string | undefined {
  if (!METRIC_NAME_PATTERN.test(point.metric_name)) {
    return `metric name ${JSON.stringify(point.metric_name)} must match ${METRIC_NAME_PATTERN}`
  }
  if (typeof point.value !== 'number' || !Number.isFinite(point.value)) {
    return `metric ${point.metric_name}: value must be a finite number, got ${String(point.value)}`
  }
  const tagKeys = Object.keys(point.tags)
  if (tagKeys.length > MAX_TAGS_PER_POINT) {
    return `metric ${point.metric_name}: at most ${MAX_TAGS_PER_POINT} tags, got ${tagKeys.length}`
  }
  for (const key of tagKeys) {
    const value = point.tags[key]
    if (!TAG_KEY_PATTERN.test(key))
      return `metric ${point.metric_name}: tag key ${JSON.stringify(key)} must match ${TAG_KEY_PATTERN}`
    if (typeof value !== 'string' || value.length > MAX_TAG_VALUE_LENGTH) {
      return `metric ${point.metric_name}: tag ${key} must be a string of at most ${MAX_TAG_VALUE_LENGTH} characters`
    }
  }
  return undefined
}
