import type { Decision, RestartRecord } from './types.js'

export interface PolicyInput {
  now: number
  /** Why the service needs a restart now (see `restartTrigger`), or undefined. */
  trigger: string | undefined
  /** When the trigger's evidence was observed, ms (see `evidenceTime`). */
  evidenceAt: number
  /** The service's check is not healthy (or could not tell), even without a restart trigger. */
  troubled: boolean
  /** Since when the trigger has held. */
  triggerSince: number | undefined
  /** How long the trigger must hold before a restart, in ms. */
  sustainMs: number
  /** A dependency that is down, e.g. `influxdb is critical`. */
  heldBackBy: string | undefined
  /** Known restarts of the service (Redis and this process's memory). */
  history: readonly RestartRecord[]
  /** This process is restarting or verifying the service right now. */
  busy: boolean
  enabled: boolean
  docker: { available: boolean; reason?: string }
  /** Why the service's container cannot be found (Docker reachable, no container matches), if it cannot. */
  containerMissing?: string
  /** Whether this instance holds the recovery lease, and why not when it does not. */
  leader: { held: boolean; reason?: string }
  budget: number
  windowMs: number
  verifyGraceMs: number
}

const iso = (ms: number) => new Date(ms).toISOString()

/** When the newest settled restart of the service was settled, by any instance. */
function lastSettled(history: readonly RestartRecord[]): number | undefined {
  const times = history.flatMap((r) => (r.settled_at === undefined ? [] : [r.settled_at]))
  return times.length === 0 ? undefined : Math.max(...times)
}

/** The pending restart still inside its grace period, restarted by any instance. */
function unverified(
  history: readonly RestartRecord[],
  now: number,
  graceMs: number,
): RestartRecord | undefined {
  return history.find((r) => r.outcome === 'pending' && now - r.at < graceMs)
}

/**
 * Restart or not, and why. Order matters: a restart being verified is never doubled, nor is one that
 * settled after the evidence was taken; a cause elsewhere holds the symptom back, a condition must hold
 * long enough, the budget is absolute, and only then do the operational gates (enabled, Docker
 * reachable, lease held) apply.
 */
export function decideRestart(input: PolicyInput): { decision: Decision; budget: BudgetState } {
  const { now, trigger, triggerSince } = input
  const budget = restartBudget({
    history: input.history,
    now,
    budget: input.budget,
    windowMs: input.windowMs,
  })
  const decide = (decision: Decision) => ({ decision, budget })
  const hold =
    input.heldBackBy === undefined
      ? undefined
      : ({ action: 'hold', reason: `held back: ${input.heldBackBy}`, heldBackBy: input.heldBackBy } as const)
  if (trigger === undefined) return decide(input.troubled && hold !== undefined ? hold : { action: 'none' })
  const pending = unverified(input.history, now, input.verifyGraceMs)
  if (input.busy || pending !== undefined) {
    const since = pending === undefined ? '' : ` from ${iso(pending.at)}`
    return decide({ action: 'wait', reason: `verifying the restart${since}` })
  }
  // Checks that ran while a restart was verified still show the old trouble; they may arrive after it
  // settled (a queued or straddling cycle), when nothing is pending any more. Only newer evidence counts.
  const settledAt = lastSettled(input.history)
  if (settledAt !== undefined && input.evidenceAt <= settledAt) {
    return decide({
      action: 'wait',
      reason: `waiting for a check newer than the restart settled at ${iso(settledAt)}`,
    })
  }
  if (hold !== undefined) return decide(hold)
  // The sustain time starts again when a restart settles: time the condition held before it says nothing
  // about the restarted service (and after an error, retrying at once would only spend the budget).
  const heldMs = now - Math.max(triggerSince ?? now, settledAt ?? Number.NEGATIVE_INFINITY)
  if (heldMs < input.sustainMs) {
    const reason = `${trigger}; restart after ${input.sustainMs / 1000} s, held ${Math.floor(heldMs / 1000)} s`
    return decide({ action: 'wait', reason })
  }
  if (budget.nextAllowedAt !== undefined) {
    const reason = `restart budget exhausted (${input.budget} per ${input.windowMs / 1000} s) until ${iso(budget.nextAllowedAt)}`
    return decide({ action: 'suspend', reason, until: budget.nextAllowedAt })
  }
  if (!input.enabled)
    return decide({ action: 'refuse', reason: 'auto-restart is disabled (AUTO_RESTART_ENABLED)' })
  if (!input.docker.available) {
    return decide({ action: 'refuse', reason: `docker unavailable: ${input.docker.reason ?? 'unknown'}` })
  }
  // Asking Docker to restart nothing would only burn the budget on errors.
  if (input.containerMissing !== undefined)
    return decide({ action: 'refuse', reason: input.containerMissing })
  if (!input.leader.held) {
    return decide({
      action: 'refuse',
      reason: `not the recovery leader: ${input.leader.reason ?? 'lease not held'}`,
    })
  }
  return decide({ action: 'restart', reason: trigger })
}

export interface BudgetInput {
  history: readonly RestartRecord[]
  now: number
  /** Restarts allowed in any rolling window. */
  budget: number
  windowMs: number
}

export interface BudgetState {
  /** Restarts inside the rolling window, oldest first. */
  inWindow: RestartRecord[]
  left: number
  /** When the next restart is allowed by the budget; undefined when it is allowed now. */
  nextAllowedAt: number | undefined
}

/** Every restart attempt counts, whatever its outcome: a restart that errors still hit the container. */
export function restartBudget({ history, now, budget, windowMs }: BudgetInput): BudgetState {
  const inWindow = history.filter((r) => r.at > now - windowMs && r.at <= now).sort((a, b) => a.at - b.at)
  const left = Math.max(0, budget - inWindow.length)
  if (left > 0) return { inWindow, left, nextAllowedAt: undefined }
  // The window frees a slot once enough of the oldest restarts have aged out of it.
  const freeing = inWindow[inWindow.length - budget]
  return { inWindow, left, nextAllowedAt: freeing === undefined ? undefined : freeing.at + windowMs }
}

/** Remembers since when a condition has held, per key; forgets as soon as it clears. */
export function createConditionTracker() {
  const since = new Map<string, number>()
  return {
    /** Returns the time the condition was first seen in this episode, or undefined when it does not hold. */
    update(key: string, holds: boolean, now: number): number | undefined {
      if (!holds) {
        since.delete(key)
        return undefined
      }
      const first = since.get(key) ?? now
      since.set(key, first)
      return first
    },
  }
}
