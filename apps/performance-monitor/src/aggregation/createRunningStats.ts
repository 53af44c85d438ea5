/**
 * Mean and variance of a sliding window, updated in O(1) per added or removed value (Welford's update and its
 * inverse). Removal accumulates rounding error, so the owner rebuilds from the window now and then (`reset`).
 */
export interface RunningStats {
  readonly count: number
  readonly mean: number
  /** Population standard deviation; 0 for fewer than two values. */
  readonly std: number
  add(value: number): void
  remove(value: number): void
  reset(): void
}

export function createRunningStats(): RunningStats {
  let count = 0
  let mean = 0
  let m2 = 0
  return {
    get count() {
      return count
    },
    get mean() {
      return count === 0 ? Number.NaN : mean
    },
    get std() {
      return count < 2 ? 0 : Math.sqrt(Math.max(m2, 0) / count)
    },
    add(value) {
      count += 1
      const delta = value - mean
      mean += delta / count
      m2 += delta * (value - mean)
    },
    remove(value) {
      if (count <= 1) {
        count = 0
        mean = 0
        m2 = 0
        return
      }
      const previousMean = (count * mean - value) / (count - 1)
      m2 -= (value - mean) * (value - previousMean)
      mean = previousMean
      count -= 1
    },
    reset() {
      count = 0
      mean = 0
      m2 = 0
    },
  }
}
