import type { Clock } from '@squeezeflow/core'

export interface VerifyRestartDeps {
  clock: Clock
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>
  /** Whether the container runs now; a rejection counts as "not yet". */
  isRunning: () => Promise<boolean>
  /** Whether new data arrived after `sinceMs`; only for services whose health is data flow (aggr_server). */
  dataResumedSince?: (sinceMs: number) => Promise<boolean>
}

export interface VerifyRestartOptions {
  /** When the container was back: only data newer than this counts. */
  since: number
  /** End of the grace period (counted from the restart decision), in ms since the epoch. */
  deadline: number
  pollMs: number
  signal: AbortSignal
}

export type VerifyResult = { verified: true; detail: string } | { verified: false; detail: string }

const attempt = async (check: () => Promise<boolean>) => check().catch(() => false)

/**
 * Polls until the restarted service proves itself (container running and, where it applies, data
 * flowing again) or the grace period ends. Runs in the background; an abort ends it unverified.
 */
export async function verifyRestart(
  options: VerifyRestartOptions,
  deps: VerifyRestartDeps,
): Promise<VerifyResult> {
  const { since, deadline, pollMs, signal } = options
  const { dataResumedSince } = deps
  let running = false
  for (;;) {
    running = await attempt(deps.isRunning)
    const flowing =
      running && (dataResumedSince === undefined || (await attempt(() => dataResumedSince(since))))
    if (flowing) {
      const detail =
        dataResumedSince === undefined ? 'container running' : 'container running and data flowing again'
      return { verified: true, detail }
    }
    const left = deadline - deps.clock()
    if (signal.aborted) return { verified: false, detail: 'verification abandoned: recovery shutting down' }
    if (left <= 0) break
    await deps.sleep(Math.min(pollMs, left), signal)
  }
  const by = new Date(deadline).toISOString()
  return {
    verified: false,
    detail: running ? `no new data since the restart, by ${by}` : `container not running by ${by}`,
  }
}
