/** Sending state of one Alertmanager URL. */
export interface UrlState {
  inFlight: boolean
  /** Consecutive failed sends; 0 after a success. */
  failures: number
  /** The alert version last delivered to this URL. */
  sentVersion?: string
  lastAttemptMs: number
  /** When a failed send may be retried. */
  retryAtMs: number
  lastSuccessMs?: number
  lastError?: string
}

export const initialUrlState = (): UrlState => ({
  inFlight: false,
  failures: 0,
  lastAttemptMs: 0,
  retryAtMs: 0,
})

/** First retry after 1 s, doubling, never later than one resend interval. */
export function retryDelayMs(failures: number, resendMs: number): number {
  return Math.min(1000 * 2 ** Math.max(0, failures - 1), resendMs)
}

/**
 * Whether to post to this URL now: never twice at once; after a failure, once its backoff has passed;
 * otherwise when the alerts changed since the last delivery or a resend interval has gone by.
 */
export function isSendDue(state: UrlState, now: number, version: string, resendMs: number): boolean {
  if (state.inFlight) return false
  if (state.failures > 0) return now >= state.retryAtMs
  return state.sentVersion !== version || now - state.lastAttemptMs >= resendMs
}

/** The state after a send that began at `startedMs` with `version` ended (error undefined = success). */
export function afterSend(
  state: UrlState,
  startedMs: number,
  endedMs: number,
  version: string,
  resendMs: number,
  error?: string,
): UrlState {
  if (error === undefined) {
    return {
      inFlight: false,
      failures: 0,
      sentVersion: version,
      lastAttemptMs: startedMs,
      retryAtMs: 0,
      lastSuccessMs: endedMs,
    }
  }
  const failures = state.failures + 1
  return {
    ...state,
    inFlight: false,
    failures,
    lastAttemptMs: startedMs,
    retryAtMs: endedMs + retryDelayMs(failures, resendMs),
    lastError: error,
  }
}
