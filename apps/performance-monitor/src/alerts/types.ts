import type { RuleMatch, RuleOrigin, StoredAlertRule } from '@squeezeflow/core'

/**
 * A performance alert rule as the evaluator uses it: core's stored rule without the fields that only say who
 * wrote it. `match` says how `metric_name` selects metrics: `exact` is that metric only; `suffix` is that metric
 * and every `<anything>_<metric_name>`, each with its own alert (e.g. `error_rate_percent` covers the SDK's
 * `<operation>_error_rate_percent` of every operation).
 */
export type PerformanceAlertRule = Omit<StoredAlertRule, 'scope' | 'added_by' | 'updated_at'>

/** An active rule as `GET /alerts` lists it. */
export interface ListedRule {
  name: string
  metric_name: string
  comparison: PerformanceAlertRule['comparison']
  threshold_value: number
  duration_seconds: number
  severity: PerformanceAlertRule['severity']
  match: RuleMatch
  enabled: boolean
  origin: RuleOrigin
}
