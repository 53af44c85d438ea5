import { type MetricPoint, metricPointProblem } from '../metricPoint.js'
import type { IngestDecodeResult, IngestPointVisitor, IngestSkip } from './ingestFields.js'
import { isRecord, parseEntryJson, rejection } from './isRecord.js'

/**
 * Decodes a v1 entry (field `p`, a JSON array of MetricPoint), handing each valid point to `visit` with the
 * point itself as its series. Each point is validated with core's rules; bad ones are skipped. Never throws.
 */
export function decodePointArray(
  text: string,
  visit: IngestPointVisitor,
  onSkip?: (skip: IngestSkip) => void,
): IngestDecodeResult {
  const json = parseEntryJson(text)
  if ('refused' in json) return json.refused
  const parsed = json.value
  if (!Array.isArray(parsed)) return rejection('bad_shape', 'entry is not a JSON array')
  let points = 0
  let skipped = 0
  for (let k = 0; k < parsed.length; k++) {
    const point = toMetricPoint(parsed[k])
    if (typeof point === 'string') {
      skipped++
      onSkip?.({ code: 'invalid_point', message: `point ${k}: ${point}`, index: k })
    } else {
      points++
      visit(point, point.value, point.timestamp)
    }
  }
  return { rejected: undefined, points, skipped }
}

/** The point with only the contract's keys, or the reason it is unacceptable. */
function toMetricPoint(raw: unknown): MetricPoint | string {
  if (!isRecord(raw)) return 'point is not an object'
  const { metric_name, value, unit, service, tags, timestamp } = raw
  if (typeof metric_name !== 'string') return 'point has no string metric_name'
  if (typeof unit !== 'string') return `metric ${metric_name}: unit must be a string`
  if (typeof service !== 'string' || service === '') {
    return `metric ${metric_name}: service must be a non-empty string`
  }
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
