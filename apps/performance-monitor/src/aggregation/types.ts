/** One stored measurement of a series: time (ms since epoch) and value. */
export interface SeriesPoint {
  timestamp: number
  value: number
}
