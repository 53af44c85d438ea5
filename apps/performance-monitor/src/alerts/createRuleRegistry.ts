import { type RejectedRule, type RuleOrigin, reconcileRuntimeRules } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'
import type { AlertEvaluator } from './createAlertEvaluator.js'
import { toMetricRule } from './toMetricRule.js'
import type { ListedRule, PerformanceAlertRule } from './types.js'

export interface RuleRegistryOptions {
  /** The evaluator the registry keeps in step with every source of rules. */
  evaluator: AlertEvaluator
  /** Rules taken from Redis at most (MAX_CUSTOM_ALERT_RULES); the rest are refused. */
  limit: number
  logger: Logger
}

/** Where a rule given at start-up or in code came from. */
export type LocalOrigin = Exclude<RuleOrigin, 'redis'>

export interface RuleRegistry {
  /** Adds or replaces (by name) a default, file or code rule. Throws AlertDefinitionError. */
  add(definition: unknown, origin: LocalOrigin): PerformanceAlertRule
  /**
   * Applies the `<prefix>:alert_rules` hash as read now (field → JSON): new and changed `metric` rules are
   * added, removed ones dropped, invalid ones refused (each logged once per reason) and kept out.
   */
  sync(stored: Readonly<Record<string, string>>): void
  /** Every rule the evaluator holds, with where it came from. */
  list(): ListedRule[]
  /** Rules in Redis refused at the last sync, with the reason. */
  rejected(): RejectedRule[]
}

/**
 * The evaluator's rules and their origins (core's `RuleOrigin`). A rule from Redis takes the place of a
 * default, file or code rule of the same name while it is there; when it is deleted, that rule comes back.
 */
export function createRuleRegistry({ evaluator, limit, logger }: RuleRegistryOptions): RuleRegistry {
  const log = logger.child({ module: 'alerts/rules' })
  const local = new Map<string, { rule: PerformanceAlertRule; origin: LocalOrigin }>()
  /** Rules applied from Redis: name → the JSON text they were applied from. */
  const applied = new Map<string, string>()
  let rejected: RejectedRule[] = []
  /** `name\0reason` of the refusals already logged, so a rule that stays broken is logged once. */
  let logged = new Set<string>()

  const accept = (raw: Record<string, unknown>, name: string) =>
    // health-monitor's rules share the hash; they are neither applied nor refused here.
    raw.scope === 'health' ? undefined : toMetricRule({ ...raw, name })

  return {
    add(definition, origin) {
      const rule = toMetricRule(definition)
      local.set(rule.name, { rule, origin })
      if (!applied.has(rule.name)) evaluator.addRule(rule)
      return rule
    },
    sync(stored) {
      const plan = reconcileRuntimeRules({ applied, stored, accept, limit })
      for (const name of plan.remove) {
        applied.delete(name)
        const shadowed = local.get(name)
        if (shadowed) evaluator.addRule(shadowed.rule)
        else evaluator.removeRule(name)
        log.info('alert rule from redis removed', { rule: name, restored: shadowed?.origin ?? null })
      }
      for (const { name, rule, text } of plan.upsert) {
        evaluator.addRule(rule)
        applied.set(name, text)
        log.info('alert rule from redis applied', { rule: name, metric: rule.metric_name })
      }
      const seen = new Set<string>()
      for (const { name, reason } of plan.rejected) {
        const key = `${name}\u0000${reason}`
        seen.add(key)
        if (!logged.has(key)) log.warn('alert rule from redis rejected', { rule: name, reason })
      }
      logged = seen
      rejected = plan.rejected
    },
    list: () =>
      evaluator.rules().map((rule) => ({
        name: rule.name,
        metric_name: rule.metric_name,
        comparison: rule.comparison,
        threshold_value: rule.threshold_value,
        duration_seconds: rule.duration_seconds,
        severity: rule.severity,
        match: rule.match,
        enabled: rule.enabled,
        origin: applied.has(rule.name) ? 'redis' : (local.get(rule.name)?.origin ?? 'code'),
      })),
    rejected: () => rejected.map((r) => ({ ...r })),
  }
}
