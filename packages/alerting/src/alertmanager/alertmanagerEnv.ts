import { type EnvValues, intField, optionalField, stringField, urlField } from '@squeezeflow/core'
import { urlListField } from './urlListField.js'

/**
 * The variables of Alertmanager delivery, for both apps' env specs (`{ ...COMMON_ENV, ...ALERTMANAGER_ENV }`).
 * The README's "Alert delivery" section documents each.
 */
export const ALERTMANAGER_ENV = {
  /** Base URLs of the Alertmanager cluster, each one sent to. Unset: no delivery. */
  ALERTMANAGER_URL: urlListField(),
  ALERTMANAGER_RESEND_SECONDS: intField(60, { min: 1, max: 3600 }),
  /** How long a resolved alert keeps being re-sent, as Prometheus does (its default: 15 min). */
  ALERTMANAGER_RESOLVED_RESEND_SECONDS: intField(900, { min: 0, max: 86_400 }),
  ALERTMANAGER_TIMEOUT_SECONDS: intField(10, { min: 1, max: 300 }),
  STACK_NAME: stringField('squeezeflow', /^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . or -'),
  /** Where the README is published; `runbook_url` = this + `#<section>`. Unset: no runbook_url. */
  ALERT_RUNBOOK_URL: optionalField(urlField('')),
  /** This monitor's base URL as people reach it; `generatorURL` = this + the service's page. */
  ALERT_GENERATOR_URL: optionalField(urlField('')),
} as const

/** Resolved delivery settings (durations in seconds). */
export interface AlertmanagerSettings {
  urls: string[]
  resendSeconds: number
  resolvedResendSeconds: number
  timeoutSeconds: number
  stack: string
  runbookUrl?: string
  generatorUrl?: string
}

/** The settings from parsed env values, or undefined when no Alertmanager is configured. */
export function alertmanagerSettingsFrom(
  e: EnvValues<typeof ALERTMANAGER_ENV>,
): AlertmanagerSettings | undefined {
  if (e.ALERTMANAGER_URL.length === 0) return undefined
  return {
    urls: e.ALERTMANAGER_URL,
    resendSeconds: e.ALERTMANAGER_RESEND_SECONDS,
    resolvedResendSeconds: e.ALERTMANAGER_RESOLVED_RESEND_SECONDS,
    timeoutSeconds: e.ALERTMANAGER_TIMEOUT_SECONDS,
    stack: e.STACK_NAME,
    ...(e.ALERT_RUNBOOK_URL === undefined ? {} : { runbookUrl: e.ALERT_RUNBOOK_URL.replace(/#.*$/, '') }),
    ...(e.ALERT_GENERATOR_URL === undefined
      ? {}
      : { generatorUrl: e.ALERT_GENERATOR_URL.replace(/\/+$/, '') }),
  }
}
