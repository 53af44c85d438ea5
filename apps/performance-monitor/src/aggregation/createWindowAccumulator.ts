import { createRemovableSketch } from './createRemovableSketch.js'
import { createRunningStats } from './createRunningStats.js'
import { createSlidingExtremes } from './createSlidingExtremes.js'

/** Count, mean, std, min, max and quantiles of the values currently in one window, without the trend. */
export interface WindowStats {
  count: number
  mean: number
  std: number
  min: number
  max: number
  median: number
  p95: number
  p99: number
}

/**
 * The incremental statistics of one window. Values enter and leave in sequence order, each in O(1) amortized;
 * reading the stats costs one pass over the sketch's bins.
 */
export interface WindowAccumulator {
  readonly count: number
  add(seq: number, value: number): void
  remove(seq: number, value: number): void
  /** Undefined when the window is empty. */
  stats(): WindowStats | undefined
  clear(): void
  /** Rebuilds mean and variance from scratch to shed the rounding error that removals accumulate. */
  rebuildMoments(values: Iterable<number>): void
}

export function createWindowAccumulator(): WindowAccumulator {
  const moments = createRunningStats()
  const sketch = createRemovableSketch()
  const extremes = createSlidingExtremes()
  return {
    get count() {
      return moments.count
    },
    add(seq, value) {
      moments.add(value)
      sketch.add(value)
      extremes.add(seq, value)
    },
    remove(seq, value) {
      moments.remove(value)
      sketch.remove(value)
      extremes.evictThrough(seq)
    },
    stats() {
      if (moments.count === 0) return undefined
      const min = extremes.min() as number
      const max = extremes.max() as number
      // A bin's representative value may lie just outside the values it holds; the exact extremes bound it.
      const quantile = (q: number) => Math.min(max, Math.max(min, sketch.quantile(q)))
      return {
        count: moments.count,
        mean: moments.mean,
        std: moments.std,
        min,
        max,
        median: quantile(0.5),
        p95: quantile(0.95),
        p99: quantile(0.99),
      }
    },
    clear() {
      moments.reset()
      sketch.clear()
      extremes.clear()
    },
    rebuildMoments(values) {
      moments.reset()
      for (const value of values) moments.add(value)
    },
  }
}
