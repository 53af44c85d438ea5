import type { IngestSeries } from '@squeezeflow/core'
import type { MetricColumn } from './createIngestBatch.js'

/**
 * The newest points of each metric since they were last taken, at most `perMetric` each: what the metric lists
 * get next, at most every `intervalMs`.
 */
export interface RecentPoints {
  /** Metrics with points waiting. */
  readonly size: number
  /** Keeps the newest `perMetric` points of each column, after those kept before. */
  add(metrics: readonly MetricColumn[]): void
  /** The waiting points, oldest first per metric, and forgets them. */
  take(): MetricColumn[]
  /** `take()` when points wait and `intervalMs` has passed since the last `due` that took some; else none. */
  due(nowMs: number): MetricColumn[]
}

interface Pending {
  name: string
  series: IngestSeries
  seriesOf: IngestSeries[]
  timestamps: number[]
  values: number[]
}

export function createRecentPoints(perMetric: number, intervalMs: number): RecentPoints {
  const pending = new Map<string, Pending>()
  let takenAt = Number.NEGATIVE_INFINITY
  /** Drops all but the newest `perMetric`; called once a column holds twice that, so trimming stays amortized O(1). */
  const trim = (p: Pending) => {
    const excess = p.values.length - perMetric
    if (excess <= 0) return
    p.seriesOf.splice(0, excess)
    p.timestamps.splice(0, excess)
    p.values.splice(0, excess)
  }
  const take = (): MetricColumn[] => {
    const taken = [...pending.values()]
    for (const p of taken) trim(p)
    pending.clear()
    return taken
  }
  return {
    get size() {
      return pending.size
    },
    add(metrics) {
      for (const column of metrics) {
        let p = pending.get(column.name)
        if (p === undefined) {
          p = { name: column.name, series: column.series, seriesOf: [], timestamps: [], values: [] }
          pending.set(column.name, p)
        }
        p.series = column.series
        for (let k = Math.max(0, column.values.length - perMetric); k < column.values.length; k++) {
          p.seriesOf.push(column.seriesOf[k] as IngestSeries)
          p.timestamps.push(column.timestamps[k] as number)
          p.values.push(column.values[k] as number)
        }
        if (p.values.length >= 2 * perMetric) trim(p)
      }
    },
    take,
    due(nowMs) {
      if (pending.size === 0 || nowMs - takenAt < intervalMs) return []
      takenAt = nowMs
      return take()
    },
  }
}
