export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number]

export const ALERT_STATES = ['pending', 'firing', 'resolved'] as const
export type AlertState = (typeof ALERT_STATES)[number]

/** What identifies one alert across its whole life: the same condition always maps to the same fingerprint. */
export interface AlertIdentity {
  /** The component that raised it, e.g. `health-monitor`. */
  source: string
  /** The rule, e.g. `data_gap` or `cpu_percent_gt`. */
  rule: string
  /** The monitored service the alert is about. */
  service: string
}

/** An alert as published on the alert channels and kept in the alert history (JSON contract). */
export interface Alert extends AlertIdentity {
  fingerprint: string
  severity: AlertSeverity
  state: AlertState
  message: string
  value?: number
  threshold?: number
  /** How long the condition must hold before the alert fires, in seconds. */
  duration_seconds: number
  /** ISO-8601: when the condition was first seen in this episode. */
  started_at: string
  /** ISO-8601: when the alert fired, once it has. */
  fired_at?: string
  /** ISO-8601: when the condition cleared, once it has. */
  resolved_at?: string
  /** True when this is a reminder of an alert that is still firing. */
  repeat: boolean
  /** ISO-8601 time of this message. */
  timestamp: string
}

export function isAlertSeverity(value: unknown): value is AlertSeverity {
  return typeof value === 'string' && (ALERT_SEVERITIES as readonly string[]).includes(value)
}

export function alertFingerprint({ source, rule, service }: AlertIdentity): string {
  return `${source}/${rule}/${service}`
}
