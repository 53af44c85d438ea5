import { AlertDefinitionError, type PerformanceAlert, validatePerformanceAlert } from '../performanceAlert.js'

export const RULE_MATCHES = ['exact', 'suffix'] as const
export type RuleMatch = (typeof RULE_MATCHES)[number]
/** `metric`: performance-monitor evaluates it on a metric; `health`: health-monitor, on `<service>.<field>`. */
export const RULE_SCOPES = ['metric', 'health'] as const
export type RuleScope = (typeof RULE_SCOPES)[number]

/** One rule as kept in the `<prefix>:alert_rules` hash (field = `name`, value = this as JSON). */
export interface StoredAlertRule extends PerformanceAlert {
  /** Default `<metric_name>_<comparison>`. */
  name: string
  /** Default `exact`; `suffix` also matches `<anything>_<metric_name>`. */
  match: RuleMatch
  /** Default `metric`. */
  scope: RuleScope
  /** The service that added it. */
  added_by?: string
  /** ISO-8601, set when written. */
  updated_at?: string
}

export const RULE_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_.-]{0,127}$/
const HEALTH_METRIC_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*\.[a-zA-Z_][a-zA-Z0-9_.]*$/
const SERVICE_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

function fail(field: string, expected: string, got: unknown): never {
  throw new AlertDefinitionError(`performance alert ${field} must be ${expected}, got ${JSON.stringify(got)}`)
}

function oneOf<T extends string>(field: string, allowed: readonly T[], got: unknown): T {
  if (typeof got !== 'string' || !(allowed as readonly string[]).includes(got)) {
    fail(field, `one of ${allowed.join(', ')}`, got)
  }
  return got as T
}

/**
 * Checks a rule for the alert-rules hash: core's PerformanceAlert fields plus `name`, `match`, `scope`,
 * `added_by` and `updated_at`, with their defaults filled in. Throws an AlertDefinitionError naming the field.
 */
export function validateStoredAlertRule(input: unknown): StoredAlertRule {
  const alert = validatePerformanceAlert(input)
  const raw = input as Record<string, unknown>
  const name = raw.name ?? `${alert.metric_name}_${alert.comparison}`
  if (typeof name !== 'string' || !RULE_NAME_PATTERN.test(name))
    fail('name', `a name matching ${RULE_NAME_PATTERN}`, name)
  const match = oneOf('match', RULE_MATCHES, raw.match ?? 'exact')
  const scope = oneOf('scope', RULE_SCOPES, raw.scope ?? 'metric')
  if (scope === 'health' && !HEALTH_METRIC_PATTERN.test(alert.metric_name)) {
    fail('metric_name', '<service>.<field> for a health rule', alert.metric_name)
  }
  const rule: StoredAlertRule = { name, ...alert, match, scope }
  if (raw.added_by !== undefined) {
    if (typeof raw.added_by !== 'string' || !SERVICE_PATTERN.test(raw.added_by)) {
      fail('added_by', `a service name matching ${SERVICE_PATTERN}`, raw.added_by)
    }
    rule.added_by = raw.added_by
  }
  if (raw.updated_at !== undefined) {
    const at = raw.updated_at
    if (typeof at !== 'string' || !ISO_8601.test(at) || Number.isNaN(Date.parse(at))) {
      fail('updated_at', 'an ISO-8601 date-time', at)
    }
    rule.updated_at = at
  }
  return rule
}
