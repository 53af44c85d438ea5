import type { AlertSeverity } from '@squeezeflow/core'

/** A change in auto-recovery, as sent on `/events` (event `recovery`). */
export interface RecoveryEvent {
  service: string
  severity: AlertSeverity
  text: string
}

type Loose = Record<string, unknown>
const obj = (v: unknown): Loose => (typeof v === 'object' && v !== null ? (v as Loose) : {})
const str = (v: unknown) => (typeof v === 'string' ? v : '')

const SEVERITY: Record<string, AlertSeverity> = {
  pending: 'warning',
  verified: 'info',
  not_verified: 'critical',
  error: 'critical',
  restart: 'warning',
  wait: 'info',
  hold: 'info',
  suspend: 'critical',
  refuse: 'critical',
}

/**
 * Turns successive recovery summaries into events: a restart that appeared or changed outcome (pending →
 * verified or not), and a new decision other than "nothing to do". The first summary only sets the baseline,
 * so a page opened late is not flooded with old news.
 */
export function createRecoveryEventDetector() {
  let previous: Map<string, { restart: string; decision: string }> | undefined
  return (summary: Record<string, unknown> | null): RecoveryEvent[] => {
    const current = new Map<string, { restart: string; decision: string; raw: Loose }>()
    for (const [service, value] of Object.entries(obj(summary?.services))) {
      const s = obj(value)
      const restarts = Array.isArray(s.restarts_in_window) ? s.restarts_in_window.map(obj) : []
      const newest = restarts.at(-1)
      current.set(service, {
        restart: newest ? `${str(newest.at)}|${str(newest.outcome)}` : '',
        decision: JSON.stringify(s.last_decision ?? null),
        raw: s,
      })
    }
    const before = previous
    previous = new Map([...current].map(([k, { restart, decision }]) => [k, { restart, decision }]))
    if (!before) return []
    const events: RecoveryEvent[] = []
    for (const [service, now] of current) {
      const then = before.get(service)
      const restarts = Array.isArray(now.raw.restarts_in_window) ? now.raw.restarts_in_window.map(obj) : []
      const newest = restarts.at(-1)
      if (newest && now.restart !== then?.restart) {
        const outcome = str(newest.outcome)
        events.push({
          service,
          severity: SEVERITY[outcome] ?? 'info',
          text: `restart ${outcome}: ${str(newest.reason)}`,
        })
      }
      const decision = obj(now.raw.last_decision)
      const action = str(decision.action)
      if (now.decision !== then?.decision && action !== '' && action !== 'none' && action !== 'restart') {
        events.push({
          service,
          severity: SEVERITY[action] ?? 'info',
          text: `${action}: ${str(decision.reason)}`,
        })
      }
    }
    return events
  }
}
