import { withTimeout } from '@squeezeflow/core'
import type { AlertingRedis } from '../types.js'

/** Take the lease when free (SET NX PX), extend it when ours (PEXPIRE); one atomic step either way. */
const ACQUIRE_OR_RENEW = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if not holder then redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) return 1 end
return 0
`
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`

export interface SenderLease {
  /** Takes or renews the lease; false when another instance holds it or Redis fails. Never rejects. */
  confirm(): Promise<boolean>
  /** Gives it up if still ours, so another instance need not wait out the TTL. Never rejects. */
  release(): Promise<void>
}

/** One sender among replicas: the instance holding `key` (value `instanceId`, TTL `ttlMs`) sends. */
export function createSenderLease(
  redis: AlertingRedis,
  key: string,
  instanceId: string,
  ttlMs: number,
): SenderLease {
  return {
    async confirm() {
      if (!redis.isReady()) return false
      try {
        const args = { keys: [key], arguments: [instanceId, String(ttlMs)] }
        const answer = await withTimeout(redis.client.eval(ACQUIRE_OR_RENEW, args), ttlMs / 2, 'sender lease')
        return answer === 1
      } catch {
        return false
      }
    },
    async release() {
      if (!redis.isReady()) return
      await redis.client.eval(RELEASE, { keys: [key], arguments: [instanceId] }).catch(() => undefined)
    },
  }
}
