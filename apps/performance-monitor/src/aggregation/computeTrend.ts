import type { SeriesPoint, Trend } from './types.js'

/** The fitted change across the window must exceed this share of |mean| … */
export const TREND_RELATIVE_THRESHOLD = 0.05
/** … and this many standard deviations, so noise around a flat level reads as `stable`. */
export const TREND_STD_FACTOR = 0.5
const MIN_POINTS = 3

/**
 * Direction of a series: the least-squares slope of value over time, times the window's time span, compared with
 * the level and the spread of the values. Two passes (means first) keep the sums well conditioned.
 */
export function computeTrend(points: readonly SeriesPoint[]): Trend {
  const n = points.length
  if (n < MIN_POINTS) return 'stable'
  let meanT = 0
  let meanV = 0
  for (const { timestamp, value } of points) {
    meanT += timestamp
    meanV += value
  }
  meanT /= n
  meanV /= n
  let covTV = 0
  let varT = 0
  let varV = 0
  let minT = Number.POSITIVE_INFINITY
  let maxT = Number.NEGATIVE_INFINITY
  for (const { timestamp, value } of points) {
    const dt = timestamp - meanT
    const dv = value - meanV
    covTV += dt * dv
    varT += dt * dt
    varV += dv * dv
    if (timestamp < minT) minT = timestamp
    if (timestamp > maxT) maxT = timestamp
  }
  if (varT === 0) return 'stable'
  const change = (covTV / varT) * (maxT - minT)
  const std = Math.sqrt(varV / n)
  const threshold = Math.max(TREND_RELATIVE_THRESHOLD * Math.abs(meanV), TREND_STD_FACTOR * std)
  if (Math.abs(change) <= threshold) return 'stable'
  return change > 0 ? 'increasing' : 'decreasing'
}
