import type { Clock } from '@squeezeflow/core'

/**
 * `read` shared by the checks of one cycle: a read in flight is joined, and a result younger than
 * `withinMs` (counted from when it arrived) is handed out again rather than read anew. A failure is shared
 * only with the callers that joined it; the next call reads again.
 */
export function shareWithin<T>(read: () => Promise<T>, withinMs: number, clock: Clock): () => Promise<T> {
  let latest: { atMs: number; value: T } | undefined
  let inFlight: Promise<T> | undefined
  return () => {
    if (inFlight) return inFlight
    if (latest && clock() - latest.atMs < withinMs) return Promise.resolve(latest.value)
    const reading = Promise.resolve()
      .then(read)
      .then((value) => {
        latest = { atMs: clock(), value }
        return value
      })
      .finally(() => {
        inFlight = undefined
      })
    inFlight = reading
    return reading
  }
}
