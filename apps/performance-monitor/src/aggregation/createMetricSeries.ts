import type { MetricAggregates } from '@squeezeflow/core'
import { aggregateValues, EMPTY_AGGREGATES } from './aggregateValues.js'
import { createTimeColumn } from './createTimeColumn.js'
import type { SeriesPoint } from './types.js'

export interface MetricSeriesOptions {
  /** Points kept per metric; the oldest leave first (MAX_METRICS_DATA_POINTS). */
  maxPoints: number
}

/** The recent points of one metric and their statistics over all kept points and over time windows. */
export interface MetricSeries {
  /** Points added since the series was created, including those that have left it. */
  readonly totalCount: number
  /** Sum of every value added since the series was created (e.g. errors of an `_error_count` metric). */
  readonly totalSum: number
  readonly size: number
  /** Stores a point in O(1): no statistic is touched until one is read. */
  add(value: number, timestampMs: number): void
  latest(): SeriesPoint | undefined
  /**
   * Over all kept points when `windowSeconds` is undefined, else over the kept points stamped within the last
   * `windowSeconds` before `nowMs`. Exact. Computed in a few passes over the window on the first read after a
   * change, then served from a cache until a point is added or one leaves the window.
   */
  aggregates(windowSeconds: number | undefined, nowMs: number): MetricAggregates
  points(windowSeconds: number | undefined, nowMs: number): SeriesPoint[]
}

const INITIAL_CAPACITY = 64
/**
 * A ring doubles from INITIAL_CAPACITY, but skips the sizes whose buffer would be between 12 KB and the 64 KB
 * malloc mmap threshold the images set (README "Benchmarks"): past SMALL_CAPACITY it goes straight to
 * MAPPED_CAPACITY. Freed as the ring outgrew them, those sizes left holes in the malloc heap that stayed
 * resident, about 12 MB under the soak. From MAPPED_CAPACITY on every buffer has its own mapping, returned whole
 * when freed, and backed only for the pages its points have been written to (see {@link allocateRing}).
 */
const SMALL_CAPACITY = 1024
/** The smallest doubling of INITIAL_CAPACITY whose ring (96 KB) is above the mmap threshold. */
const MAPPED_CAPACITY = 8192
/** A value (8 bytes) and a timestamp offset (4 bytes). */
const BYTES_PER_SLOT = 12
/** Distinct windows whose aggregates a series caches; more (odd `?window=` values) start the cache afresh. */
const CACHED_WINDOWS = 8

interface Cached {
  /** `totalCount` when computed: any add changes it. */
  added: number
  /** Points in the window when computed: with no add, the window only loses points as time passes. */
  count: number
  aggregates: MetricAggregates
}

/** Reused by every series for the values being summarized: reading is synchronous, so one buffer serves all. */
let scratch = new Float64Array(INITIAL_CAPACITY)

/**
 * A ring's values and timestamp offsets in one allocation. From MAPPED_CAPACITY on (a full ring at the
 * documented default is 120 KB) it is then above the malloc mmap threshold, so it gets its own mapping: the
 * kernel backs its pages only as they are first written, and freeing it returns it whole. Apart, the offsets
 * (40 KB for a full ring) would sit in the malloc heap among short-lived blocks.
 */
function allocateRing(capacity: number): { values: Float64Array; offsets: Int32Array } {
  const buffer = new ArrayBuffer(capacity * BYTES_PER_SLOT)
  return {
    values: new Float64Array(buffer, 0, capacity),
    offsets: new Int32Array(buffer, capacity * Float64Array.BYTES_PER_ELEMENT, capacity),
  }
}

export function createMetricSeries({ maxPoints }: MetricSeriesOptions): MetricSeries {
  if (!(Number.isInteger(maxPoints) && maxPoints > 0))
    throw new RangeError('maxPoints must be a positive integer')
  let capacity = Math.min(maxPoints, INITIAL_CAPACITY)
  const ring = allocateRing(capacity)
  let times = createTimeColumn(capacity, { offsets: ring.offsets })
  let values = ring.values
  /** Sequence number of the next point; point `seq` lives at `seq % capacity`. */
  let head = 0
  /** `head % capacity`, kept so that an add divides nothing. */
  let next = 0
  let size = 0
  let totalSum = 0
  /** The newest point stamped before its predecessor: from there on the kept points are in time order. */
  let lastDescent = -1
  const cache = new Map<number, Cached>()

  const oldest = () => head - size
  const timeAt = (seq: number) => times.at(seq % capacity)
  const valueAt = (seq: number) => values[seq % capacity] as number
  /** The slots of the kept points, for a time column that changes how it stores them. */
  const keptSlots = function* () {
    for (let seq = oldest(); seq < head; seq++) yield seq % capacity
  }
  const noSlots = () => []

  const grow = () => {
    const doubled = capacity * 2 > SMALL_CAPACITY ? Math.max(capacity * 2, MAPPED_CAPACITY) : capacity * 2
    const grown = Math.min(maxPoints, doubled)
    const grownRing = allocateRing(grown)
    const [t, v] = [times.sibling(grown, grownRing.offsets), grownRing.values]
    for (let seq = oldest(); seq < head; seq++) {
      // The sibling has this column's base and width, so every kept timestamp fits it as it is.
      t.put(seq % grown, timeAt(seq), noSlots)
      v[seq % grown] = valueAt(seq)
    }
    ;[times, values, capacity] = [t, v, grown]
    next = head % capacity
  }

  /**
   * Calls `visit` for each kept point in the window, oldest first, and returns how many. Points in time order
   * (the usual case) are found by binary search; after a late point, by a scan.
   */
  const forEachInWindow = (
    windowSeconds: number | undefined,
    nowMs: number,
    visit: ((seq: number, k: number) => void) | undefined,
  ): number => {
    let from = oldest()
    if (windowSeconds === undefined) {
      if (visit) for (let seq = from; seq < head; seq++) visit(seq, seq - from)
      return size
    }
    const cutoff = nowMs - windowSeconds * 1000
    if (lastDescent > from) {
      let k = 0
      for (let seq = from; seq < head; seq++) {
        if (timeAt(seq) < cutoff) continue
        visit?.(seq, k)
        k++
      }
      return k
    }
    let to = head
    while (from < to) {
      const mid = Math.floor((from + to) / 2)
      if (timeAt(mid) < cutoff) from = mid + 1
      else to = mid
    }
    if (visit) for (let seq = from; seq < head; seq++) visit(seq, seq - from)
    return head - from
  }

  const compute = (windowSeconds: number | undefined, nowMs: number, count: number) => {
    if (count === 0) return { ...EMPTY_AGGREGATES }
    if (scratch.length < count) scratch = new Float64Array(Math.max(count, scratch.length * 2))
    const window = scratch
    forEachInWindow(windowSeconds, nowMs, (seq, k) => {
      window[k] = valueAt(seq)
    })
    return aggregateValues(window.subarray(0, count))
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
    add(value, timestampMs) {
      totalSum += value
      if (size === maxPoints) size -= 1
      else if (size === capacity) grow()
      if (size > 0 && timestampMs < times.at(next === 0 ? capacity - 1 : next - 1)) lastDescent = head
      times.put(next, timestampMs, keptSlots)
      values[next] = value
      next = next + 1 === capacity ? 0 : next + 1
      head += 1
      size += 1
    },
    latest() {
      if (size === 0) return undefined
      return { timestamp: timeAt(head - 1), value: valueAt(head - 1) }
    },
    aggregates(windowSeconds, nowMs) {
      const key = windowSeconds ?? -1
      const count = forEachInWindow(windowSeconds, nowMs, undefined)
      let cached = cache.get(key)
      if (cached === undefined || cached.added !== head || cached.count !== count) {
        if (cached === undefined && cache.size >= CACHED_WINDOWS) cache.clear()
        cached = { added: head, count, aggregates: compute(windowSeconds, nowMs, count) }
        cache.set(key, cached)
      }
      return { ...cached.aggregates }
    },
    points(windowSeconds, nowMs) {
      const points: SeriesPoint[] = []
      forEachInWindow(windowSeconds, nowMs, (seq) => {
        points.push({ timestamp: timeAt(seq), value: valueAt(seq) })
      })
      return points
    },
  }
}
