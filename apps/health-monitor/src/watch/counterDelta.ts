export const round2 = (n: number): number => Math.round(n * 100) / 100

/**
 * Increase of a monotonic counter between two readings; null when either is unknown or the counter went
 * down (the server restarted and began again from 0), so a restart never shows as a negative rate.
 */
export function counterDelta(previous: number | undefined, current: number | undefined): number | null {
  if (previous === undefined || current === undefined || current < previous) return null
  return current - previous
}

/** `delta` over `seconds` scaled to a period of `periodSeconds` (1 → per second, 60 → per minute). */
export function ratePer(delta: number | null, seconds: number, periodSeconds: number): number | null {
  if (delta === null || seconds <= 0) return null
  return round2((delta / seconds) * periodSeconds)
}
