import type { Alert } from '@squeezeflow/core'
import type { AlertRecord } from '../types.js'

/**
 * An AlertRecord as the field/value pairs of its Redis hash. `value`, `message` and `severity` are copied out
 * of the alert JSON so that `HGETALL` alone tells an operator what is firing.
 */
export function encodeAlertRecord(record: AlertRecord): string[] {
  const { alert } = record
  return [
    'state',
    record.state,
    'since',
    String(record.since),
    'last_notified',
    String(record.lastNotified),
    'resolved_at',
    record.resolvedAt === undefined ? '' : String(record.resolvedAt),
    'severity',
    alert.severity,
    'message',
    alert.message,
    'value',
    alert.value === undefined ? '' : String(alert.value),
    'alert',
    JSON.stringify(alert),
  ]
}

const toMs = (text: string | undefined): number | undefined => {
  if (text === undefined || text === '') return undefined
  const n = Number(text)
  return Number.isFinite(n) ? n : undefined
}

/** The record in a hash, or undefined for a missing or unreadable one (which the next claim then rewrites). */
export function decodeAlertRecord(hash: Record<string, string>): AlertRecord | undefined {
  const state = hash.state
  const since = toMs(hash.since)
  const lastNotified = toMs(hash.last_notified)
  if ((state !== 'firing' && state !== 'resolved') || since === undefined || lastNotified === undefined) {
    return undefined
  }
  let alert: Alert
  try {
    alert = JSON.parse(hash.alert ?? '') as Alert
  } catch {
    return undefined
  }
  const resolvedAt = toMs(hash.resolved_at)
  const seenAt = toMs(hash.seen_at)
  return {
    state,
    since,
    lastNotified,
    ...(seenAt === undefined ? {} : { seenAt }),
    ...(resolvedAt === undefined ? {} : { resolvedAt }),
    rev: toMs(hash.rev) ?? 0,
    alert,
  }
}
