import { AlertDefinitionError, validatePerformanceAlert } from '@squeezeflow/core'
import { type PerformanceAlertRule, RULE_MATCHES, type RuleMatch } from './types.js'

const RULE_NAME = /^[a-zA-Z_][a-zA-Z0-9_.-]{0,127}$/

/**
 * Checks a rule from code or configuration: core's PerformanceAlert fields plus the optional `name` and `match`.
 * Throws an AlertDefinitionError naming the bad field.
 */
export function validateAlertRule(input: unknown): PerformanceAlertRule {
  const alert = validatePerformanceAlert(input)
  const raw = input as Record<string, unknown>
  const name = raw.name ?? `${alert.metric_name}_${alert.comparison}`
  const match = raw.match ?? 'exact'
  if (typeof name !== 'string' || !RULE_NAME.test(name)) {
    throw new AlertDefinitionError(
      `performance alert name must match ${RULE_NAME}, got ${JSON.stringify(name)}`,
    )
  }
  if (typeof match !== 'string' || !(RULE_MATCHES as readonly string[]).includes(match)) {
    throw new AlertDefinitionError(
      `performance alert match must be one of ${RULE_MATCHES.join(', ')}, got ${JSON.stringify(match)}`,
    )
  }
  return { ...alert, name, match: match as RuleMatch }
}

/** Whether a rule applies to the metric called `metricName`. */
export function ruleMatches(
  rule: Pick<PerformanceAlertRule, 'metric_name' | 'match'>,
  metricName: string,
): boolean {
  if (metricName === rule.metric_name) return true
  return rule.match === 'suffix' && metricName.endsWith(`_${rule.metric_name}`)
}
