/** A deadline passed; `code` matches Node's own timeouts, so callers that classify by code treat it alike. */
export class TimeoutError extends Error {
  override name = 'TimeoutError'
  readonly code = 'ETIMEDOUT'
}

/**
 * Rejects with TimeoutError after `ms`. The timer is cleared as soon as `promise` settles, and it is not unref'd
 * on purpose: Node 20 keeps the (empty) list of a cleared unref'd timer and still wakes the process at its
 * deadline, one wake-up per call for nothing (README "Benchmarks", wake-ups). A referenced timer holds the
 * process open at most `ms`, and only while the operation is still pending.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${label} timed out after ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
