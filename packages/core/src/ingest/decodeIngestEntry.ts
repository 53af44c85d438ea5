import type { MetricPoint } from '../metricPoint.js'
import { decodeColumnarBatch } from './decodeColumnarBatch.js'
import { decodePointArray } from './decodePointArray.js'
import {
  INGEST_FIELD_V1,
  INGEST_FIELD_V2,
  type IngestDecodeResult,
  type IngestPointVisitor,
  type IngestRejection,
  type IngestSkip,
} from './ingestFields.js'
import { rejection } from './isRecord.js'

/**
 * Decodes one stream entry by its fields: `c` (v2) when present, else `p` (v1). Each valid point goes to
 * `visit(series, value, timestamp)` in entry order, skipped points to `onSkip`; a refused entry yields no points
 * and says why in `rejected`. Never throws. This is the consumer's hot path: it builds no object per point.
 */
export function decodeIngestEntry(
  fields: Readonly<Record<string, string>>,
  visit: IngestPointVisitor,
  onSkip?: (skip: IngestSkip) => void,
): IngestDecodeResult {
  const columnar = fields[INGEST_FIELD_V2]
  if (columnar !== undefined) return decodeColumnarBatch(columnar, visit, onSkip)
  const array = fields[INGEST_FIELD_V1]
  if (array !== undefined) return decodePointArray(array, visit, onSkip)
  return rejection('no_field', `entry has neither field ${INGEST_FIELD_V2} nor ${INGEST_FIELD_V1}`)
}

export interface DecodedIngestEntry {
  readonly points: MetricPoint[]
  readonly skipped: IngestSkip[]
  readonly rejected: IngestRejection | undefined
}

/** `decodeIngestEntry` collected into MetricPoint objects: for tests, tools and list writing. */
export function decodeIngestEntryPoints(fields: Readonly<Record<string, string>>): DecodedIngestEntry {
  const points: MetricPoint[] = []
  const skipped: IngestSkip[] = []
  const { rejected } = decodeIngestEntry(
    fields,
    (series, value, timestamp) => {
      const { metric_name, unit, service, tags } = series
      points.push({ metric_name, value, unit, service, tags: { ...tags }, timestamp })
    },
    (skip) => skipped.push(skip),
  )
  return { points, skipped, rejected }
}
