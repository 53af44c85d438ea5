import { ALERT_SEVERITIES, type Alert } from '@squeezeflow/core'
import type { AlertRecord } from '../types.js'
import { transitionOf } from './transitionOf.js'

export interface ClaimContext {
  now: number
  /** A firing alert is announced again at most this often, across all replicas. */
  repeatMs: number
}

/** What to do with one announced transition, given the shared record as it is now. */
export type ClaimDecision =
  | { claim: true; record: AlertRecord; publish: Alert }
  | { claim: false; reason: string }

const iso = (ms: number) => new Date(ms).toISOString()
const rank = (alert: Alert) => ALERT_SEVERITIES.indexOf(alert.severity)

/**
 * The shared alert state machine. Every replica runs its own tracker and announces what it sees; this decides
 * which announcement is the first of its transition and so the one published:
 *  - fire: only when the record is not firing (a restarted or second replica finds it firing and stays quiet),
 *    or when it escalates a firing alert to a higher severity (auto-recovery's "restart did not help" after
 *    "auto-restarting"); the episode keeps its start;
 *  - repeat: only when the last announcement by anyone is at least `repeatMs` old; a record lost from Redis is
 *    recreated; one another replica resolved stays resolved;
 *  - resolve: only when the record is firing.
 * The published alert carries the shared `fired_at`, not the replica's own.
 */
export function decideClaim(
  record: AlertRecord | undefined,
  alert: Alert,
  { now, repeatMs }: ClaimContext,
): ClaimDecision {
  const rev = record?.rev ?? 0
  switch (transitionOf(alert)) {
    case 'fire': {
      if (record?.state === 'firing') {
        if (rank(alert) <= rank(record.alert)) return { claim: false, reason: 'already firing' }
        return firing({ since: record.since, lastNotified: now, rev, alert })
      }
      const since = alert.fired_at ? Date.parse(alert.fired_at) : now
      return firing({ since, lastNotified: now, rev, alert })
    }
    case 'repeat': {
      if (record?.state === 'resolved') return { claim: false, reason: 'resolved by another instance' }
      if (record && now - record.lastNotified < repeatMs) return { claim: false, reason: 'repeated recently' }
      const since = record?.since ?? (alert.fired_at ? Date.parse(alert.fired_at) : now)
      return firing({ since, lastNotified: now, rev, alert })
    }
    case 'resolve': {
      if (record?.state !== 'firing') return { claim: false, reason: 'not firing' }
      const resolvedAt = alert.resolved_at ? Date.parse(alert.resolved_at) : now
      const publish = { ...alert, fired_at: iso(record.since), resolved_at: iso(resolvedAt) }
      return {
        claim: true,
        record: {
          state: 'resolved',
          since: record.since,
          lastNotified: now,
          resolvedAt,
          rev,
          alert: publish,
        },
        publish,
      }
    }
    default:
      return { claim: false, reason: `a ${alert.state} alert is not announced` }
  }
}

function firing(input: Omit<AlertRecord, 'state' | 'alert'> & { alert: Alert }): ClaimDecision {
  const publish = { ...input.alert, fired_at: iso(input.since) }
  return { claim: true, record: { ...input, state: 'firing', alert: publish }, publish }
}
