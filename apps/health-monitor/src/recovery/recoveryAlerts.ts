import {
  type Alert,
  type AlertObservation,
  type AlertSeverity,
  type AlertState,
  type AlertTracker,
  alertFingerprint,
} from '@squeezeflow/core'
import type { DockerAvailability } from '../adapters/createDockerContainers.js'
import type { BudgetState } from './decideRestart.js'
import type { Decision, RecoveryConfig } from './types.js'

export const ALERT_SOURCE = 'health-monitor'
/** Alert rules of auto-recovery; with the service they make the fingerprint. */
export const RECOVERY_RULES = {
  restart: 'auto_restart',
  refused: 'auto_restart_refused',
  suspended: 'auto_restart_suspended',
} as const

const iso = (ms: number) => new Date(ms).toISOString()

interface EventInput {
  service: string
  severity: AlertSeverity
  state: AlertState
  message: string
  /** When the restart this alert is about happened. */
  startedAt: number
  now: number
}

/**
 * A restart's life as explicit alerts of one fingerprint: `firing` when it happens, then `resolved`
 * when verified or `firing` again, critical, when it did not help.
 */
function restartEvent({ service, severity, state, message, startedAt, now }: EventInput): Alert {
  const identity = { source: ALERT_SOURCE, rule: RECOVERY_RULES.restart, service }
  const alert: Alert = {
    ...identity,
    fingerprint: alertFingerprint(identity),
    severity,
    state,
    message,
    duration_seconds: 0,
    started_at: iso(startedAt),
    fired_at: iso(startedAt),
    repeat: false,
    timestamp: iso(now),
  }
  if (state === 'resolved') alert.resolved_at = iso(now)
  return alert
}

export const restartStartedAlert = (service: string, reason: string, at: number): Alert =>
  restartEvent({
    service,
    severity: 'warning',
    state: 'firing',
    message: `auto-restarting ${service}: ${reason}`,
    startedAt: at,
    now: at,
  })

export const restartVerifiedAlert = (service: string, detail: string, at: number, now: number): Alert =>
  restartEvent({
    service,
    severity: 'info',
    state: 'resolved',
    message: `restart of ${service} verified: ${detail}`,
    startedAt: at,
    now,
  })

export const restartNotVerifiedAlert = (service: string, detail: string, at: number, now: number): Alert =>
  restartEvent({
    service,
    severity: 'critical',
    state: 'firing',
    message: `restart did not help: ${service}, ${detail}`,
    startedAt: at,
    now,
  })

export const restartErrorAlert = (service: string, reason: string, at: number): Alert =>
  restartEvent({
    service,
    severity: 'critical',
    state: 'firing',
    message: `restart of ${service} failed: ${reason}`,
    startedAt: at,
    now: at,
  })

/**
 * A restart that was needed but refused (a dependency down, Docker unreachable): announced once per
 * episode, resolved once when it clears.
 */
export function refusedObservation(service: string, reason: string | undefined): AlertObservation {
  return {
    source: ALERT_SOURCE,
    rule: RECOVERY_RULES.refused,
    service,
    active: reason !== undefined,
    severity: 'warning',
    message: `auto-restart of ${service} refused: ${reason ?? 'nothing to refuse'}`,
  }
}

/** The budget is spent: one critical alert until the window frees a slot. */
export function suspendedObservation(
  service: string,
  until: number | undefined,
  budget: string,
): AlertObservation {
  return {
    source: ALERT_SOURCE,
    rule: RECOVERY_RULES.suspended,
    service,
    active: until !== undefined,
    severity: 'critical',
    message: `auto-recovery suspended for ${service} until ${until === undefined ? 'now' : iso(until)} (${budget})`,
  }
}

export interface AnnounceInput {
  tracker: AlertTracker
  publish: (alert: Alert) => void
  service: string
  decision: Decision
  budget: BudgetState
  dockerState: DockerAvailability
  config: RecoveryConfig
}

/**
 * Refusals and suspensions as alerts through the tracker, so each is announced once per episode and
 * resolved once, never per cycle. A suspension lasts until the budget frees a slot, even if the trigger
 * comes and goes meanwhile: one alert per window.
 */
export function announceDecision({
  tracker,
  publish,
  service,
  decision,
  budget,
  dockerState,
  config,
}: AnnounceInput): void {
  const refused = decision.action === 'hold' || (decision.action === 'refuse' && !dockerState.available)
  const suspendedBefore = tracker
    .active()
    .some((a) => a.rule === RECOVERY_RULES.suspended && a.service === service)
  const suspended = decision.action === 'suspend' || (suspendedBefore && budget.left === 0)
  const spent = `${config.budget} restarts per ${config.windowSeconds} s used`
  const observations = [
    refusedObservation(service, refused ? decision.reason : undefined),
    suspendedObservation(service, suspended ? budget.nextAllowedAt : undefined, spent),
  ]
  for (const observation of observations) {
    const alert = tracker.observe(observation)
    if (alert !== undefined) publish(alert)
  }
}
