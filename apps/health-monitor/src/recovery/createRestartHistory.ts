import type { Clock } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'
import type { RedisConnection } from '@squeezeflow/service-kit/redis'
import { RESTART_OUTCOMES, type RestartOutcome, type RestartRecord } from './types.js'

export interface RestartHistoryOptions {
  redis: RedisConnection
  /** `keys.restartHistory`: the sorted set of one service. */
  keyFor: (service: string) => string
  /** How long restarts are kept, in ms (the budget window). */
  retentionMs: number
  clock: Clock
  logger: Logger
}

export interface RestartHistory {
  /** Restarts within retention: Redis ∪ this process's memory; memory only while Redis is away. Never rejects. */
  list(service: string): Promise<{ records: RestartRecord[]; fromRedis: boolean }>
  /** Stores a new restart; resolves false, keeping nothing, when Redis did not take it. */
  record(service: string, restart: RestartRecord): Promise<boolean>
  /** Sets a restart's outcome and `settled_at`: in memory at once, in Redis now or on a later `list`. Never rejects. */
  settle(
    service: string,
    restart: RestartRecord,
    outcome: RestartOutcome,
    reason?: string,
  ): Promise<RestartRecord>
}

interface Remembered {
  restart: RestartRecord
  /** The member Redis holds for it, when it holds one. */
  stored: string | undefined
}

/** Restart history in `<prefix>:recovery:restarts:<service>` (score = ms), so a restarted monitor keeps its budget. */
export function createRestartHistory({
  redis,
  keyFor,
  retentionMs,
  clock,
  logger,
}: RestartHistoryOptions): RestartHistory {
  const log = logger.child({ module: 'recovery/history' })
  const local = new Map<string, Map<string, Remembered>>()
  const mine = (service: string) => {
    const entries = local.get(service) ?? new Map<string, Remembered>()
    local.set(service, entries)
    return entries
  }

  /** Writes the current version of a remembered restart, replacing the one Redis holds. */
  const store = async (service: string, entry: Remembered): Promise<void> => {
    const key = keyFor(service)
    const member = serializeRestart(entry.restart)
    if (entry.stored === member) return
    const tx = redis.client.multi()
    if (entry.stored !== undefined) tx.zRem(key, entry.stored)
    tx.zAdd(key, { score: entry.restart.at, value: member }).pExpire(key, retentionMs)
    await tx.exec()
    entry.stored = member
  }

  const readRemote = async (service: string, now: number): Promise<string[]> => {
    const key = keyFor(service)
    await redis.client.zRemRangeByScore(key, '-inf', now - retentionMs)
    return redis.client.zRangeByScore(key, now - retentionMs, '+inf')
  }

  return {
    async list(service) {
      const now = clock()
      const entries = mine(service)
      for (const [id, entry] of entries) if (entry.restart.at <= now - retentionMs) entries.delete(id)
      const remembered = [...entries.values()].map((e) => e.restart)
      if (!redis.isReady()) return { records: mergeRestarts([], remembered), fromRedis: false }
      try {
        const members = await readRemote(service, now)
        const held = new Set(members)
        // Outcomes settled while Redis was away, and restarts a restarted (empty) Redis lost, are written
        // back, so other instances and later monitors count them too.
        for (const entry of entries.values()) {
          if (entry.stored !== undefined && !held.has(entry.stored)) entry.stored = undefined
          await store(service, entry)
        }
        const remote = members.map(parseRestart).filter((r): r is RestartRecord => r !== undefined)
        return { records: mergeRestarts(remote, remembered), fromRedis: true }
      } catch (error) {
        log.warn('restart history unavailable, using local memory', { service, err: error })
        return { records: mergeRestarts([], remembered), fromRedis: false }
      }
    },
    async record(service, restart) {
      if (!redis.isReady()) return false
      const entry: Remembered = { restart, stored: undefined }
      try {
        await store(service, entry)
      } catch (error) {
        log.warn('restart history write failed', { service, err: error })
        return false
      }
      mine(service).set(restartId(restart), entry)
      return true
    },
    async settle(service, restart, outcome, reason = restart.reason) {
      const settled: RestartRecord = { ...restart, outcome, reason, settled_at: clock() }
      const entries = mine(service)
      const entry = entries.get(restartId(restart)) ?? { restart, stored: undefined }
      entry.restart = settled
      entries.set(restartId(restart), entry)
      if (redis.isReady()) {
        await store(service, entry).catch((error: unknown) =>
          log.warn('restart outcome not stored yet', { service, err: error }),
        )
      }
      return settled
    },
  }
}

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
