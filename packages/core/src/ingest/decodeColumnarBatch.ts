import { metricPointProblem } from '../metricPoint.js'
import type {
  IngestDecodeResult,
  IngestPointVisitor,
  IngestRejectionCode,
  IngestSeries,
  IngestSkip,
} from './ingestFields.js'
import { INGEST_VERSION } from './ingestFields.js'
import { isRecord, parseEntryJson, rejection } from './isRecord.js'

/**
 * Decodes a v2 entry (field `c`), handing each valid point to `visit` without building an object for it.
 * Each series is validated once, with core's metric rules; its points share the result. Never throws.
 */
export function decodeColumnarBatch(
  text: string,
  visit: IngestPointVisitor,
  onSkip?: (skip: IngestSkip) => void,
): IngestDecodeResult {
  const json = parseEntryJson(text)
  if ('refused' in json) return json.refused
  const parsed = json.value
  if (!isRecord(parsed)) return rejection('bad_shape', 'entry is not a JSON object')
  const { v, service, t0, series, i, t, x } = parsed
  if (v !== INGEST_VERSION) return rejection('bad_version', `entry v must be 2, got ${JSON.stringify(v)}`)
  const shape = shapeProblem(service, t0, series, i, t, x)
  if (shape !== undefined) return rejection(shape[0], shape[1])
  const columns = { i: i as unknown[], t: t as unknown[], x: x as unknown[] }
  const dictionary = (series as unknown[]).map((raw) => toSeries(raw, service as string))
  let points = 0
  let skipped = 0
  const skip = (index: number, code: IngestSkip['code'], message: string) => {
    skipped++
    onSkip?.({ code, message, index })
  }
  for (let k = 0; k < columns.i.length; k++) {
    const index = columns.i[k]
    const offset = columns.t[k]
    const value = columns.x[k]
    const entry = Number.isInteger(index) ? dictionary[index as number] : undefined
    if (entry === undefined) {
      skip(k, 'index_out_of_range', `point ${k}: series index ${JSON.stringify(index)} is not in the series`)
    } else if (typeof entry === 'string') {
      skip(k, 'invalid_series', `point ${k}: series ${index as number} is invalid: ${entry}`)
    } else if (!Number.isInteger(offset)) {
      skip(
        k,
        'offset_not_integer',
        `point ${k}: offset must be an integer of ms, got ${JSON.stringify(offset)}`,
      )
    } else if (typeof value !== 'number' || !Number.isFinite(value)) {
      skip(k, 'value_not_finite', `point ${k}: value must be a finite number, got ${JSON.stringify(value)}`)
    } else {
      points++
      visit(entry, value, (t0 as number) + (offset as number))
    }
  }
  return { rejected: undefined, points, skipped }
}

function shapeProblem(
  service: unknown,
  t0: unknown,
  series: unknown,
  i: unknown,
  t: unknown,
  x: unknown,
): [IngestRejectionCode, string] | undefined {
  if (typeof service !== 'string' || service === '') {
    return ['bad_shape', 'entry service must be a non-empty string']
  }
  if (!Number.isSafeInteger(t0)) return ['bad_shape', 'entry t0 must be an integer of ms since the epoch']
  if (!Array.isArray(series)) return ['bad_shape', 'entry series must be an array']
  if (!Array.isArray(i) || !Array.isArray(t) || !Array.isArray(x)) {
    return ['bad_shape', 'entry i, t and x must be arrays']
  }
  if (i.length !== t.length || i.length !== x.length) {
    return [
      'length_mismatch',
      `entry i, t and x must have equal lengths, got ${i.length}, ${t.length}, ${x.length}`,
    ]
  }
  return undefined
}

/** The series, or the reason it is unacceptable. */
function toSeries(raw: unknown, service: string): IngestSeries | string {
  if (!Array.isArray(raw) || raw.length !== 3) return 'not a [metric_name, unit, tags] triple'
  const [metric_name, unit, tags] = raw as unknown[]
  if (typeof metric_name !== 'string') return 'metric_name must be a string'
  if (typeof unit !== 'string') return `metric ${metric_name}: unit must be a string`
  if (!isRecord(tags)) return `metric ${metric_name}: tags must be an object`
  const entry = { metric_name, unit, service, tags: tags as Record<string, string> }
  return metricPointProblem({ ...entry, value: 0, timestamp: 0 }) ?? entry
}
