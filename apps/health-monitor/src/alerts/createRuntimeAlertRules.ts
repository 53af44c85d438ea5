import { type RejectedRule, reconcileRuntimeRules, validateStoredAlertRule } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'
import type { CustomAlerts } from './createCustomAlerts.js'

export interface RuntimeAlertRulesOptions {
  custom: Pick<CustomAlerts, 'add' | 'remove'>
  /** At most this many rules from Redis are applied (`MAX_CUSTOM_ALERT_RULES`). */
  limit: number
  logger: Logger
}

/**
 * A stored rule is health-monitor's when its scope is `health`; performance-monitor's rules are left to it,
 * even ones it would refuse. The hash field is the rule's name.
 */
function acceptHealthRule(raw: Record<string, unknown>, name: string) {
  if (raw.scope !== 'health') return undefined
  return validateStoredAlertRule({ ...raw, name })
}

/**
 * Applies the `<prefix>:alert_rules` hash (docs/contracts/README.md) to the custom alerts each time it is
 * read: new and changed rules are added, rules gone from the hash removed, invalid ones refused and logged
 * once per reason.
 */
export function createRuntimeAlertRules({ custom, limit, logger }: RuntimeAlertRulesOptions) {
  const log = logger.child({ module: 'alerts/runtimeRules' })
  const applied = new Map<string, string>()
  let rejected: RejectedRule[] = []
  let logged = new Map<string, string>()

  return {
    /** `stored`: the hash as read now (rule name → JSON text). */
    apply(stored: Readonly<Record<string, string>>): void {
      const plan = reconcileRuntimeRules({ applied, stored, accept: acceptHealthRule, limit })
      for (const name of plan.remove) {
        custom.remove(name)
        applied.delete(name)
        log.info('custom alert rule removed', { rule: name })
      }
      for (const { name, rule, text } of plan.upsert) {
        custom.add(rule, { name, origin: 'redis' })
        applied.set(name, text)
        log.info('custom alert rule applied', { rule: name, metric_name: rule.metric_name })
      }
      rejected = plan.rejected
      const nowLogged = new Map<string, string>()
      for (const { name, reason } of rejected) {
        if (logged.get(name) !== reason) log.warn('custom alert rule rejected', { rule: name, reason })
        nowLogged.set(name, reason)
      }
      logged = nowLogged
    },
    /** Stored rules refused at the last read, with the reason. */
    rejected: (): RejectedRule[] => rejected,
  }
}

export type RuntimeAlertRules = ReturnType<typeof createRuntimeAlertRules>
