import type { MetricAggregates } from '@squeezeflow/core'
import { computeTrend } from './computeTrend.js'
import {
  createWindowAccumulator,
  type WindowAccumulator,
  type WindowStats,
} from './createWindowAccumulator.js'
import type { SeriesPoint } from './types.js'

export interface MetricSeriesOptions {
  /** Points kept per metric; the oldest leave first (MAX_METRICS_DATA_POINTS). */
  maxPoints: number
  /** Time windows kept up to date on every add, in seconds; at most 7. Other windows are computed on demand. */
  windowsSeconds: readonly number[]
}

/** The recent points of one metric and their statistics over all kept points and over time windows. */
export interface MetricSeries {
  /** Points added since the series was created, including those that have left it. */
  readonly totalCount: number
  /** Sum of every value added since the series was created (e.g. errors of an `_error_count` metric). */
  readonly totalSum: number
  readonly size: number
  /** Adds a point in O(1) amortized. `nowMs` decides which time windows it enters. */
  add(value: number, timestampMs: number, nowMs: number): void
  latest(): SeriesPoint | undefined
  /** Over all kept points when `windowSeconds` is undefined, else over the points of the last `windowSeconds`. */
  aggregates(windowSeconds: number | undefined, nowMs: number): MetricAggregates
  points(windowSeconds: number | undefined, nowMs: number): SeriesPoint[]
}

interface Window {
  maxAgeMs: number
  bit: number
  /** Sequence number of the oldest point that may still be in the window. */
  tail: number
  acc: WindowAccumulator
  removals: number
}

/** Time windows a series keeps up to date: one membership bit each beside the all-points window, in a Uint8Array. */
export const MAX_WINDOWS = 7
const INITIAL_CAPACITY = 64

export function createMetricSeries({ maxPoints, windowsSeconds }: MetricSeriesOptions): MetricSeries {
  if (!(Number.isInteger(maxPoints) && maxPoints > 0))
    throw new RangeError('maxPoints must be a positive integer')
  if (windowsSeconds.length > MAX_WINDOWS) throw new RangeError(`at most ${MAX_WINDOWS} time windows`)
  const windows: Window[] = [Number.POSITIVE_INFINITY, ...windowsSeconds.map((s) => s * 1000)].map(
    (maxAgeMs, i) => ({
      maxAgeMs,
      bit: 1 << i,
      tail: 0,
      acc: createWindowAccumulator(),
      removals: 0,
    }),
  )
  let capacity = Math.min(maxPoints, INITIAL_CAPACITY)
  let times = new Float64Array(capacity)
  let values = new Float64Array(capacity)
  let members = new Uint8Array(capacity)
  let head = 0
  let size = 0
  let totalSum = 0

  const oldest = () => head - size
  const isMember = (seq: number, w: Window) => ((members[seq % capacity] as number) & w.bit) !== 0

  function* memberSeqs(w: Window): Generator<number> {
    for (let seq = Math.max(w.tail, oldest()); seq < head; seq++) if (isMember(seq, w)) yield seq
  }

  const leave = (w: Window) => {
    const seq = w.tail++
    if (!isMember(seq, w)) return
    w.acc.remove(seq, values[seq % capacity] as number)
    if (++w.removals >= maxPoints) {
      w.removals = 0
      w.acc.rebuildMoments([...memberSeqs(w)].map((s) => values[s % capacity] as number))
    }
  }

  const expire = (nowMs: number) => {
    for (const w of windows) {
      if (w.maxAgeMs === Number.POSITIVE_INFINITY) continue
      const cutoff = nowMs - w.maxAgeMs
      while (w.tail < head && (!isMember(w.tail, w) || (times[w.tail % capacity] as number) < cutoff))
        leave(w)
    }
  }

  const grow = () => {
    const next = Math.min(maxPoints, capacity * 2)
    const [t, v, m] = [new Float64Array(next), new Float64Array(next), new Uint8Array(next)]
    for (let seq = oldest(); seq < head; seq++) {
      t[seq % next] = times[seq % capacity] as number
      v[seq % next] = values[seq % capacity] as number
      m[seq % next] = members[seq % capacity] as number
    }
    ;[times, values, members, capacity] = [t, v, m, next]
  }

  const valueAt = (seq: number) => values[seq % capacity] as number
  const pointAt = (seq: number): SeriesPoint => ({
    timestamp: times[seq % capacity] as number,
    value: valueAt(seq),
  })

  /** The window's stats and its points, oldest first, as `at` reads them (aggregates need only the values). */
  const collect = <T>(
    windowSeconds: number | undefined,
    nowMs: number,
    at: (seq: number) => T,
  ): { stats?: WindowStats; items: T[] } => {
    expire(nowMs)
    const w =
      windowSeconds === undefined ? windows[0] : windows.find((x) => x.maxAgeMs === windowSeconds * 1000)
    if (w) return { stats: w.acc.stats(), items: [...memberSeqs(w)].map(at) }
    // A window nobody configured: one pass over the kept points into a scratch accumulator.
    const cutoff = nowMs - (windowSeconds as number) * 1000
    const scratch = createWindowAccumulator()
    const items: T[] = []
    for (let seq = oldest(); seq < head; seq++) {
      if ((times[seq % capacity] as number) < cutoff) continue
      scratch.add(seq, valueAt(seq))
      items.push(at(seq))
    }
    return { stats: scratch.stats(), items }
  }

  return {
    get totalCount() {
      return head
    },
    get totalSum() {
      return totalSum
    },
    get size() {
      return size
    },
    add(value, timestampMs, nowMs) {
      totalSum += value
      if (size === maxPoints) {
        for (const w of windows) if (w.tail === oldest()) leave(w)
        size -= 1
      } else if (size === capacity) grow()
      const seq = head
      const index = seq % capacity
      let mask = 0
      for (const w of windows) {
        if (timestampMs < nowMs - w.maxAgeMs) continue
        mask |= w.bit
        w.acc.add(seq, value)
      }
      times[index] = timestampMs
      values[index] = value
      members[index] = mask
      head += 1
      size += 1
      expire(nowMs)
    },
    latest() {
      if (size === 0) return undefined
      const index = (head - 1) % capacity
      return { timestamp: times[index] as number, value: values[index] as number }
    },
    aggregates(windowSeconds, nowMs) {
      const { stats, items } = collect(windowSeconds, nowMs, valueAt)
      return toAggregates(stats, items)
    },
    points: (windowSeconds, nowMs) => collect(windowSeconds, nowMs, pointAt).items,
  }
}

function toAggregates(stats: WindowStats | undefined, values: number[]): MetricAggregates {
  if (!stats) {
    return {
      count: 0,
      mean: null,
      median: null,
      std: null,
      min: null,
      max: null,
      p95: null,
      p99: null,
      latest: null,
      trend: 'stable',
    }
  }
  return { ...stats, latest: values.at(-1) ?? null, trend: computeTrend(values) }
}
