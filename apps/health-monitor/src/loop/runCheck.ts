import { type Clock, errorMessage, type HealthCheck, TimeoutError, withTimeout } from '@squeezeflow/core'
import type { AlertCondition, CheckFn, CheckOutcome } from '../types.js'

export interface RegisteredCheck {
  name: string
  fn: CheckFn
  critical: boolean
  timeoutMs: number
  /** The run still going after it timed out; a new run waits for it to settle instead of piling up. */
  inFlight?: Promise<CheckOutcome>
}

export interface CheckRun {
  result: HealthCheck
  conditions: AlertCondition[]
}

async function outcomeOf(check: RegisteredCheck): Promise<CheckOutcome> {
  if (check.inFlight) {
    return {
      status: 'unhealthy',
      message: `previous run still in progress after its ${check.timeoutMs} ms timeout`,
      details: { timeout_ms: check.timeoutMs, stuck: true },
    }
  }
  const run = Promise.resolve().then(check.fn)
  check.inFlight = run
  void run
    .then(
      () => undefined,
      () => undefined,
    )
    .finally(() => {
      if (check.inFlight === run) check.inFlight = undefined
    })
  try {
    return await withTimeout(run, check.timeoutMs, `check ${check.name}`)
  } catch (err) {
    if (err instanceof TimeoutError) {
      return {
        status: 'unhealthy',
        message: `timed out after ${check.timeoutMs} ms`,
        details: { timeout_ms: check.timeoutMs },
      }
    }
    return {
      status: 'critical',
      message: `check failed: ${errorMessage(err)}`,
      details: { error: errorMessage(err) },
    }
  }
}

/** A slow check (`SLOW_CHECK_MS`, the documented default 5000 ms) is at best degraded, and warns. */
function applySlowRule(outcome: CheckOutcome, elapsedMs: number, slowMs: number): CheckOutcome {
  if (elapsedMs <= slowMs) return outcome
  const condition: AlertCondition = {
    rule: 'response_time_gt',
    severity: 'warning',
    message: `check took ${Math.round(elapsedMs)} ms (threshold ${slowMs} ms)`,
    value: Math.round(elapsedMs),
    threshold: slowMs,
  }
  return {
    ...outcome,
    status: outcome.status === 'healthy' ? 'degraded' : outcome.status,
    message: outcome.status === 'healthy' ? `slow: ${condition.message}` : outcome.message,
    conditions: [...(outcome.conditions ?? []), condition],
  }
}

/** A bad status that no condition of the check explains still alerts, as `service_status`. */
function withStatusCondition(name: string, outcome: CheckOutcome): CheckOutcome {
  const bad = outcome.status === 'unhealthy' || outcome.status === 'critical'
  if (!bad || (outcome.conditions?.length ?? 0) > 0) return outcome
  const condition: AlertCondition = {
    rule: 'service_status',
    severity: outcome.status === 'critical' ? 'critical' : 'warning',
    message: `${name} is ${outcome.status}: ${outcome.message}`,
  }
  return { ...outcome, conditions: [condition] }
}

/** Runs one check within its timeout. Never rejects: a timeout is `unhealthy`, a thrown error `critical`. */
export async function runCheck(check: RegisteredCheck, clock: Clock, slowMs: number): Promise<CheckRun> {
  const started = performance.now()
  const raw = await outcomeOf(check)
  const elapsedMs = performance.now() - started
  const outcome = applySlowRule(withStatusCondition(check.name, raw), elapsedMs, slowMs)
  return {
    result: {
      name: check.name,
      status: outcome.status,
      response_time_ms: Math.round(elapsedMs * 100) / 100,
      message: outcome.message,
      details: outcome.details ?? {},
      timestamp: new Date(clock()).toISOString(),
    },
    conditions: outcome.conditions ?? [],
  }
}
