import type { Clock, MetricPoint, MetricSummary } from '@squeezeflow/core'
import { createMetricSeries, type MetricSeries } from './createMetricSeries.js'
import type { SeriesPoint } from './types.js'

export interface MetricStoreOptions {
  /** Points kept per metric (MAX_METRICS_DATA_POINTS). */
  maxPoints: number
  /** Distinct metric names kept; points of further names are refused. */
  maxSeries: number
  clock: Clock
}

export interface MetricInfo {
  name: string
  unit: string
  service: string
  totalCount: number
  totalSum: number
  latest: SeriesPoint | undefined
}

export interface MetricStore {
  /** False when the point names a new metric and the store already holds `maxSeries` of them. */
  record(point: Pick<MetricPoint, 'metric_name' | 'value' | 'unit' | 'service' | 'timestamp'>): boolean
  /**
   * Points `0 … count - 1` of one metric by column, oldest first, as `record` would take them one by one; no
   * object per point. False, and nothing kept, when the name is new and the store already holds `maxSeries`.
   */
  recordBatch(
    name: string,
    unit: string,
    service: string,
    timestamps: ArrayLike<number>,
    values: ArrayLike<number>,
    count: number,
  ): boolean
  names(): string[]
  info(name: string): MetricInfo | undefined
  summary(name: string, windowSeconds?: number): MetricSummary | undefined
  summaries(windowSeconds?: number): Record<string, MetricSummary>
  points(name: string, windowSeconds?: number): SeriesPoint[] | undefined
}

interface Entry {
  series: MetricSeries
  unit: string
  service: string
}

/** Every metric's series by name; pure, time comes from the injected clock. */
export function createMetricStore({ maxPoints, maxSeries, clock }: MetricStoreOptions): MetricStore {
  const entries = new Map<string, Entry>()

  /** The metric's entry with its latest unit and service, or undefined when a new name finds the store full. */
  const entryFor = (name: string, unit: string, service: string): Entry | undefined => {
    let entry = entries.get(name)
    if (!entry) {
      if (entries.size >= maxSeries) return undefined
      entry = { series: createMetricSeries({ maxPoints }), unit, service }
      entries.set(name, entry)
    }
    entry.unit = unit
    entry.service = service
    return entry
  }

  const summarize = (entry: Entry, windowSeconds: number | undefined): MetricSummary => ({
    ...entry.series.aggregates(windowSeconds, clock()),
    unit: entry.unit,
    service: entry.service,
    window_seconds: windowSeconds ?? null,
  })

  return {
    record(point) {
      const entry = entryFor(point.metric_name, point.unit, point.service)
      entry?.series.add(point.value, point.timestamp)
      return entry !== undefined
    },
    recordBatch(name, unit, service, timestamps, values, count) {
      const entry = entryFor(name, unit, service)
      if (entry === undefined) return false
      const { series } = entry
      for (let k = 0; k < count; k++) series.add(values[k] as number, timestamps[k] as number)
      return true
    },
    names: () => [...entries.keys()].sort(),
    info(name) {
      const entry = entries.get(name)
      if (!entry) return undefined
      const { unit, service, series } = entry
      return {
        name,
        unit,
        service,
        totalCount: series.totalCount,
        totalSum: series.totalSum,
        latest: series.latest(),
      }
    },
    summary(name, windowSeconds) {
      const entry = entries.get(name)
      return entry && summarize(entry, windowSeconds)
    },
    summaries(windowSeconds) {
      const result: Record<string, MetricSummary> = {}
      for (const name of [...entries.keys()].sort())
        result[name] = summarize(entries.get(name) as Entry, windowSeconds)
      return result
    },
    points: (name, windowSeconds) => entries.get(name)?.series.points(windowSeconds, clock()),
  }
}
