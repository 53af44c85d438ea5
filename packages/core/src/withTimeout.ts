/** A deadline passed; `code` matches Node's own timeouts, so callers that classify by code treat it alike. */
export class TimeoutError extends Error {
  override name = 'TimeoutError'
  readonly code = 'ETIMEDOUT'
}

/** Rejects with TimeoutError after `ms`; the timer never holds the process open. */
export function withTimeout<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${label} timed out after ${ms} ms`)), ms)
    timer.unref()
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
