import { AlertDefinitionError, validateStoredAlertRule } from '@squeezeflow/core'
import type { PerformanceAlertRule } from './types.js'

/**
 * Checks a rule from code, PERFORMANCE_ALERTS_FILE or the `<prefix>:alert_rules` hash with core's
 * `validateStoredAlertRule` (the contract in docs/contracts/README.md) and keeps what the evaluator uses.
 * A `health` rule is health-monitor's: refused here. Throws an AlertDefinitionError naming the field.
 */
export function toMetricRule(input: unknown): PerformanceAlertRule {
  const { scope, added_by: _by, updated_at: _at, ...rule } = validateStoredAlertRule(input)
  if (scope !== 'metric') {
    throw new AlertDefinitionError(
      `performance alert scope must be metric for performance-monitor, got ${JSON.stringify(scope)}`,
    )
  }
  return rule
}

/** Whether a rule applies to the metric called `metricName`. */
export function ruleMatches(
  rule: Pick<PerformanceAlertRule, 'metric_name' | 'match'>,
  metricName: string,
): boolean {
  if (metricName === rule.metric_name) return true
  return rule.match === 'suffix' && metricName.endsWith(`_${rule.metric_name}`)
}
