import type { MetricAggregates } from '@squeezeflow/core'
import { computeTrend } from './computeTrend.js'

export const EMPTY_AGGREGATES: Readonly<MetricAggregates> = Object.freeze({
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
})

/**
 * Exact statistics of `values` (oldest first), in a few linear passes: mean and population std (two passes,
 * so no rounding drift), min, max, latest, trend, then median, p95 and p99 by selection. Quantile q is the
 * value at rank floor(q * (n - 1)) of the sorted values. Reorders `values` in place: pass a scratch copy.
 */
export function aggregateValues(values: Float64Array): MetricAggregates {
  const n = values.length
  if (n === 0) return { ...EMPTY_AGGREGATES }
  // The trend reads the values in time order, so it goes before the selection shuffles them.
  const trend = computeTrend(values)
  let sum = 0
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  for (let i = 0; i < n; i++) {
    const v = values[i] as number
    sum += v
    if (v < min) min = v
    if (v > max) max = v
  }
  const mean = sum / n
  let squares = 0
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - mean
    squares += d * d
  }
  const latest = values[n - 1] as number
  // Ascending ranks: each selection leaves everything above its rank to the right, where the next one looks.
  const rank = (q: number) => Math.floor(q * (n - 1))
  const median = selectRank(values, rank(0.5), 0)
  const p95 = selectRank(values, rank(0.95), rank(0.5))
  const p99 = selectRank(values, rank(0.99), rank(0.95))
  return { count: n, mean, median, std: Math.sqrt(squares / n), min, max, p95, p99, latest, trend }
}

/**
 * The value of rank `k` (0-based, ascending) among `a[from..]`, moving smaller values before it and larger after
 * (Hoare's quickselect with a median-of-three pivot): O(n) expected.
 */
export function selectRank(a: Float64Array, k: number, from: number): number {
  let lo = from
  let hi = a.length - 1
  while (hi > lo) {
    const mid = (lo + hi) >>> 1
    // Median of three as the pivot, which keeps sorted and reversed input linear.
    if ((a[mid] as number) < (a[lo] as number)) swap(a, mid, lo)
    if ((a[hi] as number) < (a[lo] as number)) swap(a, hi, lo)
    if ((a[hi] as number) < (a[mid] as number)) swap(a, hi, mid)
    const pivot = a[mid] as number
    let i = lo
    let j = hi
    while (i <= j) {
      while ((a[i] as number) < pivot) i++
      while ((a[j] as number) > pivot) j--
      if (i <= j) {
        swap(a, i, j)
        i++
        j--
      }
    }
    if (k <= j) hi = j
    else if (k >= i) lo = i
    else return a[k] as number
  }
  return a[k] as number
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number
  a[i] = a[j] as number
  a[j] = t
}
