export const TRENDS = ['increasing', 'decreasing', 'stable'] as const
export type Trend = (typeof TRENDS)[number]

/** Statistics of one metric over a window. Values are null when the window holds no point. */
export interface MetricAggregates {
  count: number
  mean: number | null
  median: number | null
  /** Population standard deviation. */
  std: number | null
  min: number | null
  max: number | null
  /** Within 0.5 % of the exact value (DDSketch relative accuracy). */
  p95: number | null
  p99: number | null
  /** The most recently added value in the window. */
  latest: number | null
  trend: Trend
}

/** One stored measurement of a series: time (ms since epoch) and value. */
export interface SeriesPoint {
  timestamp: number
  value: number
}
