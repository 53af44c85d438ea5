import { setTimeout as sleep } from 'node:timers/promises'
import { HarnessTimeoutError } from './errors.js'

export interface WaitForOptions {
  /** Give up after this many milliseconds. Default 10 000. */
  readonly timeoutMs?: number
  /** Pause between attempts, in milliseconds. Default 100. */
  readonly intervalMs?: number
  /** Named in the timeout error. Default 'condition'. */
  readonly description?: string
}

/**
 * Polls `predicate` until it returns a truthy value and resolves with that value. A predicate that
 * throws counts as "not yet"; its last error becomes the `cause` of the timeout error, so a test that
 * times out says why the condition never held.
 */
export async function waitFor<T>(predicate: () => T | Promise<T>, options: WaitForOptions = {}): Promise<T> {
  const { timeoutMs = 10_000, intervalMs = 100, description = 'condition' } = options
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    try {
      const value = await predicate()
      if (value) return value
    } catch (error) {
      lastError = error
    }
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : ''
      throw new HarnessTimeoutError(`${description} not met within ${timeoutMs} ms${reason}`, {
        cause: lastError,
      })
    }
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())))
  }
}
