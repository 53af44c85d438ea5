import type { Trend } from '@squeezeflow/core'

/** The fitted change across the window must exceed this share of |mean| … */
export const TREND_RELATIVE_THRESHOLD = 0.05
/** … and this many standard deviations, so noise around a flat level reads as `stable`. */
export const TREND_STD_FACTOR = 0.5
const MIN_POINTS = 3

/**
 * Direction of a series, oldest value first: the least-squares slope over the values' order (ties in time, as in
 * one SDK batch, do not matter), times the number of steps, compared with the level and the spread of the values.
 */
export function computeTrend(values: ArrayLike<number>): Trend {
  const n = values.length
  if (n < MIN_POINTS) return 'stable'
  const meanX = (n - 1) / 2
  let meanV = 0
  for (let i = 0; i < n; i++) meanV += values[i] as number
  meanV /= n
  let covXV = 0
  let varX = 0
  let varV = 0
  for (let i = 0; i < n; i++) {
    const dx = i - meanX
    const dv = (values[i] as number) - meanV
    covXV += dx * dv
    varX += dx * dx
    varV += dv * dv
  }
  const change = (covXV / varX) * (n - 1)
  const threshold = Math.max(
    TREND_RELATIVE_THRESHOLD * Math.abs(meanV),
    TREND_STD_FACTOR * Math.sqrt(varV / n),
  )
  if (Math.abs(change) <= threshold) return 'stable'
  return change > 0 ? 'increasing' : 'decreasing'
}
