import { RESTART_OUTCOMES, type RestartOutcome, type RestartRecord } from './types.js'

/** Identity of a restart across Redis and local memory: one instance restarts a service once per ms at most. */
export const restartId = (r: RestartRecord) => `${r.instance}@${r.at}`

const iso = (ms: number) => new Date(ms).toISOString()

/** The sorted-set member: JSON `{at, outcome, reason, instance, settled_at?}` with times as ISO-8601. */
export function serializeRestart(r: RestartRecord): string {
  const settled = r.settled_at === undefined ? {} : { settled_at: iso(r.settled_at) }
  return JSON.stringify({
    at: iso(r.at),
    outcome: r.outcome,
    reason: r.reason,
    instance: r.instance,
    ...settled,
  })
}

/** Parses a member; undefined for anything that is not one (a hand-written key, an older format). */
export function parseRestart(member: string): RestartRecord | undefined {
  try {
    const raw = JSON.parse(member) as Record<string, unknown>
    const at = typeof raw.at === 'string' ? Date.parse(raw.at) : Number.NaN
    const outcome = raw.outcome as RestartOutcome
    if (!Number.isFinite(at) || !RESTART_OUTCOMES.includes(outcome)) return undefined
    if (typeof raw.reason !== 'string' || typeof raw.instance !== 'string') return undefined
    const record: RestartRecord = { at, outcome, reason: raw.reason, instance: raw.instance }
    // Members written before `settled_at` existed (or with a broken one) still count toward the budget.
    const settledAt = typeof raw.settled_at === 'string' ? Date.parse(raw.settled_at) : Number.NaN
    if (Number.isFinite(settledAt)) record.settled_at = settledAt
    return record
  } catch {
    return undefined
  }
}

/**
 * Union of what Redis holds and what this process remembers, oldest first. This process's own memory
 * wins for its own restarts (it knows the latest outcome); a Redis that lost its data cannot shrink
 * the budget below what this process did itself.
 */
export function mergeRestarts(
  remote: readonly RestartRecord[],
  local: readonly RestartRecord[],
): RestartRecord[] {
  const byId = new Map<string, RestartRecord>()
  for (const r of remote) byId.set(restartId(r), r)
  for (const r of local) byId.set(restartId(r), r)
  return [...byId.values()].sort((a, b) => a.at - b.at)
}
