import { ALERT_SEVERITIES, type AlertSeverity, isAlertSeverity } from './alert.js'

export const COMPARISONS = ['gt', 'gte', 'lt', 'lte', 'eq'] as const
export type Comparison = (typeof COMPARISONS)[number]

/** A threshold alert on one metric that must hold for a duration before it fires. */
export interface PerformanceAlert {
  metric_name: string
  threshold_value: number
  comparison: Comparison
  /** Seconds the comparison must hold before the alert fires; 0 fires at once. */
  duration_seconds: number
  severity: AlertSeverity
  /** Text with `{value}`, `{threshold}` and `{duration}` placeholders. */
  message_template: string
  enabled: boolean
}

export class AlertDefinitionError extends Error {
  override name = 'AlertDefinitionError'
}

const METRIC_NAME = /^[a-zA-Z_][a-zA-Z0-9_.]{0,127}$/

function fail(field: string, expected: string, got: unknown): never {
  throw new AlertDefinitionError(`performance alert ${field} must be ${expected}, got ${JSON.stringify(got)}`)
}

/** Checks an alert definition from code or configuration; throws an AlertDefinitionError naming the bad field. */
export function validatePerformanceAlert(input: unknown): PerformanceAlert {
  if (typeof input !== 'object' || input === null) fail('definition', 'an object', input)
  const raw = input as Record<string, unknown>
  const { metric_name, threshold_value, comparison, duration_seconds, severity, message_template } = raw
  const enabled = raw.enabled ?? true
  if (typeof metric_name !== 'string' || !METRIC_NAME.test(metric_name)) {
    fail('metric_name', `a name matching ${METRIC_NAME}`, metric_name)
  }
  if (typeof threshold_value !== 'number' || !Number.isFinite(threshold_value)) {
    fail('threshold_value', 'a finite number', threshold_value)
  }
  if (typeof comparison !== 'string' || !(COMPARISONS as readonly string[]).includes(comparison)) {
    fail('comparison', `one of ${COMPARISONS.join(', ')}`, comparison)
  }
  if (typeof duration_seconds !== 'number' || !Number.isFinite(duration_seconds) || duration_seconds < 0) {
    fail('duration_seconds', 'a number >= 0', duration_seconds)
  }
  if (!isAlertSeverity(severity)) fail('severity', `one of ${ALERT_SEVERITIES.join(', ')}`, severity)
  if (typeof message_template !== 'string' || message_template.trim() === '') {
    fail('message_template', 'a non-empty string', message_template)
  }
  if (typeof enabled !== 'boolean') fail('enabled', 'a boolean', enabled)
  return {
    metric_name,
    threshold_value,
    comparison: comparison as Comparison,
    duration_seconds,
    severity,
    message_template,
    enabled,
  }
}

export function compareToThreshold(value: number, comparison: Comparison, threshold: number): boolean {
  switch (comparison) {
    case 'gt':
      return value > threshold
    case 'gte':
      return value >= threshold
    case 'lt':
      return value < threshold
    case 'lte':
      return value <= threshold
    case 'eq':
      return value === threshold
  }
}

const formatNumber = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2))

export function renderAlertMessage(
  template: string,
  values: { value: number; threshold: number; durationSeconds: number },
): string {
  return template
    .replaceAll('{value}', formatNumber(values.value))
    .replaceAll('{threshold}', formatNumber(values.threshold))
    .replaceAll('{duration}', formatNumber(values.durationSeconds))
}
