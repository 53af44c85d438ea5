import { HarnessTimeoutError } from './errors.js'

/**
 * Settles like `promise`, or rejects with HarnessTimeoutError after `timeoutMs` milliseconds.
 * The underlying work is not cancelled; callers that own it should stop it themselves.
 */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, label = 'operation'): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new HarnessTimeoutError(`${label} timed out after ${timeoutMs} ms`)),
      timeoutMs,
    )
    // A pending timeout must never be what keeps a test process alive.
    timer.unref()
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
