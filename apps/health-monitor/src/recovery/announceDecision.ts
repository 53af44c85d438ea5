import type { Alert, AlertTracker } from '@squeezeflow/core'
import type { DockerAvailability } from '../adapters/dockerContainers.js'
import { RECOVERY_RULES, refusedObservation, suspendedObservation } from './recoveryAlerts.js'
import type { BudgetState } from './restartBudget.js'
import type { Decision, RecoveryConfig } from './types.js'

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
