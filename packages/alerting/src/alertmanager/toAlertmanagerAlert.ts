import type { Alert } from '@squeezeflow/core'
import type { AlertRecord } from '../types.js'
import { RUNBOOK_ANCHORS } from './runbookAnchors.js'

/** One alert of Alertmanager's `POST /api/v2/alerts` body (its `postableAlert`). */
export interface AlertmanagerAlert {
  labels: Record<string, string>
  annotations: Record<string, string>
  startsAt: string
  endsAt: string
  generatorURL?: string
}

export interface AlertmanagerAlertContext {
  now: number
  resendMs: number
  /** How long a firing alert stays valid in Alertmanager without another post. Default 4 × resendMs. */
  validMs?: number
  stack: string
  runbookUrl?: string
  /** This monitor's base URL; the alert links to its page for the service. */
  generatorUrl?: string
  /** The page for a service under `generatorUrl`. Default `/health/service/<service>`. */
  generatorPath?: (alert: Alert) => string
}

const iso = (ms: number) => new Date(ms).toISOString()

/** Value, threshold and duration, where the rule has them; the message alone otherwise. */
function describe(alert: Alert): string {
  const parts: string[] = []
  if (alert.value !== undefined) parts.push(`value ${alert.value}`)
  if (alert.threshold !== undefined) parts.push(`threshold ${alert.threshold}`)
  if (alert.duration_seconds > 0) parts.push(`held for at least ${alert.duration_seconds} s`)
  return parts.length > 0 ? `${alert.message} (${parts.join(', ')})` : alert.message
}

const defaultPath = (alert: Alert) => `/health/service/${encodeURIComponent(alert.service)}`

/**
 * A shared record as Alertmanager wants it. Labels are the same on every replica (no instance or host), so
 * Alertmanager deduplicates what several senders might post. A firing alert ends 4 resend intervals ahead,
 * as Prometheus does (or `validMs`), so it resolves by itself if every sender stops; a resolved one ends
 * when it resolved.
 */
export function toAlertmanagerAlert(
  record: AlertRecord,
  context: AlertmanagerAlertContext,
): AlertmanagerAlert {
  const { alert } = record
  const anchor = RUNBOOK_ANCHORS[alert.rule]
  const path = (context.generatorPath ?? defaultPath)(alert)
  return {
    labels: {
      alertname: alert.rule,
      service: alert.service,
      severity: alert.severity,
      source: alert.source,
      stack: context.stack,
    },
    annotations: {
      summary: alert.message,
      description: describe(alert),
      ...(anchor && context.runbookUrl ? { runbook_url: `${context.runbookUrl}#${anchor}` } : {}),
    },
    startsAt: iso(record.since),
    endsAt:
      record.state === 'resolved'
        ? iso(record.resolvedAt ?? record.lastNotified)
        : iso(context.now + (context.validMs ?? 4 * context.resendMs)),
    ...(context.generatorUrl ? { generatorURL: `${context.generatorUrl}${path}` } : {}),
  }
}
