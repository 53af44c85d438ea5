import type { PerformanceAlert } from '@squeezeflow/core'

export const RULE_MATCHES = ['exact', 'suffix'] as const
/**
 * How a rule's `metric_name` selects metrics: `exact` is that metric only; `suffix` is that metric and every
 * `<anything>_<metric_name>`, each with its own alert (e.g. `error_rate_percent` covers the SDK's
 * `<operation>_error_rate_percent` of every operation).
 */
export type RuleMatch = (typeof RULE_MATCHES)[number]

/** A performance alert definition as the evaluator uses it. */
export interface PerformanceAlertRule extends PerformanceAlert {
  /** Unique; a rule added under an existing name replaces it. Default `<metric_name>_<comparison>`. */
  name: string
  /** Default `exact`. */
  match: RuleMatch
}
