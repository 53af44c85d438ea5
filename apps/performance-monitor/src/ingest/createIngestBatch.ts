import type { IngestSeries } from '@squeezeflow/core'

/** The points of one metric in a batch, by column, in the order they were added. */
export interface MetricColumn {
  readonly name: string
  /** The series of the newest point: its unit and service are the metric's from then on. */
  readonly series: IngestSeries
  /** Each point's series (shared objects, never copies), for the lists, which keep service and tags per point. */
  readonly seriesOf: readonly IngestSeries[]
  readonly timestamps: readonly number[]
  readonly values: readonly number[]
}

/**
 * Points grouped by metric name without an object per point: the ingest loop fills one per read from the
 * decoder's visitor, the store takes each metric's columns at once, and the lists are written from them.
 */
export interface IngestBatch {
  /** Points added. */
  readonly size: number
  readonly metrics: readonly MetricColumn[]
  /** Shaped as core's IngestPointVisitor, so the decoder can call it directly. */
  add(series: IngestSeries, value: number, timestamp: number): void
}

interface MutableColumn {
  name: string
  series: IngestSeries
  seriesOf: IngestSeries[]
  timestamps: number[]
  values: number[]
}

export function createIngestBatch(): IngestBatch {
  const byName = new Map<string, MutableColumn>()
  const metrics: MutableColumn[] = []
  let size = 0
  return {
    get size() {
      return size
    },
    metrics,
    add(series, value, timestamp) {
      let column = byName.get(series.metric_name)
      if (column === undefined) {
        column = { name: series.metric_name, series, seriesOf: [], timestamps: [], values: [] }
        byName.set(series.metric_name, column)
        metrics.push(column)
      }
      column.series = series
      column.seriesOf.push(series)
      column.timestamps.push(timestamp)
      column.values.push(value)
      size++
    },
  }
}
