import { type Clock, errorMessage } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'
import type { RedisConnection } from '@squeezeflow/service-kit/redis'

/** Extends the lease only while it is still ours: a lease that expired and was taken stays taken. */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`

export interface RedisLeaseOptions {
  redis: RedisConnection
  key: string
  instanceId: string
  ttlMs: number
  clock: Clock
  logger: Logger
}

export interface RedisLease {
  /** Renews the lease if this instance holds it, else tries to take it; false on any failure. Never rejects. */
  confirm(): Promise<boolean>
  /** Whether the last confirmation is still within its TTL (no I/O). */
  isHeld(): boolean
  /** Why the lease is not held. */
  reason(): string
  /** Gives the lease up if it is still ours, so another instance need not wait out the TTL. */
  release(): Promise<void>
}

/** One actor among health-monitor replicas: `SET key instanceId NX PX ttl`, renewed by compare-and-set. */
export function createRedisLease({
  redis,
  key,
  instanceId,
  ttlMs,
  clock,
  logger,
}: RedisLeaseOptions): RedisLease {
  const log = logger.child({ module: 'recovery/lease' })
  const state = createLeaseState(ttlMs, clock)
  let wasHeld = false

  const note = (held: boolean, why = '') => {
    if (held !== wasHeld)
      log.info(held ? 'recovery lease acquired' : 'recovery lease lost', { key, instanceId, why })
    wasHeld = held
    return held
  }

  return {
    async confirm() {
      const sentAt = clock()
      if (!redis.isReady()) {
        state.lost(`redis unavailable${redis.lastError() ? `: ${redis.lastError()}` : ''}`)
        return note(false, state.reason())
      }
      try {
        const args = { keys: [key], arguments: [instanceId, String(ttlMs)] }
        const renewed = (await redis.client.eval(RENEW, args)) === 1
        const taken =
          renewed ||
          (await redis.client.set(key, instanceId, {
            condition: 'NX',
            expiration: { type: 'PX', value: ttlMs },
          })) === 'OK'
        if (taken) {
          state.confirmed(sentAt)
          return note(true)
        }
        const holder = await redis.client.get(key)
        state.lost(`held by ${holder ?? 'another instance'}`)
      } catch (error) {
        state.lost(`lease cannot be confirmed: ${errorMessage(error)}`)
      }
      return note(false, state.reason())
    },
    isHeld: () => state.isHeld(),
    reason: () => state.reason(),
    async release() {
      if (!redis.isReady()) return
      try {
        await redis.client.eval(RELEASE, { keys: [key], arguments: [instanceId] })
      } catch (error) {
        log.warn('recovery lease release failed', { key, err: error })
      }
      state.lost('released')
      note(false, 'released')
    },
  }
}

/**
 * Local view of the recovery lease. Validity is counted from when the confirming command was *sent*, so
 * a slow round trip shortens what this process believes, never lengthens it.
 */
export function createLeaseState(ttlMs: number, clock: Clock) {
  let heldUntil: number | undefined
  let reason = 'lease not acquired yet'
  return {
    confirmed(sentAt: number) {
      heldUntil = sentAt + ttlMs
    },
    lost(why: string) {
      heldUntil = undefined
      reason = why
    },
    isHeld(): boolean {
      return heldUntil !== undefined && clock() < heldUntil
    },
    /** Why the lease is not held (meaningful when `isHeld()` is false). */
    reason(): string {
      return heldUntil !== undefined && clock() >= heldUntil ? 'lease expired before renewal' : reason
    },
  }
}
