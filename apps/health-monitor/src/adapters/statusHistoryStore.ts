import type { RedisKeys } from '@squeezeflow/core'
import type { RedisConnection } from '@squeezeflow/service-kit/redis'
import type { BucketWrite } from '../statusPage/statusBuckets.js'

/** Longest retention of any tier (90 daily buckets): an idle service's hash outlives none of its data. */
const HISTORY_TTL_MS = 90 * 86_400_000

/**
 * Reads and writes the status history hashes, `<prefix>:status:history:<service>`. The connection is taken
 * when used: the monitor opens it in `start()`, after this is built.
 */
export function createStatusHistoryStore(connection: () => RedisConnection | undefined, keys: RedisKeys) {
  const client = () => {
    const redis = connection()
    if (redis === undefined) throw new Error('redis is not connected yet')
    return redis.client
  }
  return {
    /** Every service's hash, in one pipelined round trip. */
    async load(services: readonly string[]): Promise<Map<string, Record<string, string>>> {
      if (services.length === 0) return new Map()
      const multi = client().multi()
      for (const service of services) multi.hGetAll(keys.statusHistory(service))
      const replies = await multi.execAsPipeline()
      return new Map(services.map((service, i) => [service, (replies[i] ?? {}) as Record<string, string>]))
    },
    /** One cycle's changed buckets of every service, in one pipelined round trip. */
    async save(writes: ReadonlyMap<string, readonly BucketWrite[]>): Promise<void> {
      if (writes.size === 0) return
      const multi = client().multi()
      for (const [service, fields] of writes) {
        const key = keys.statusHistory(service)
        multi.hSet(key, Object.fromEntries(fields.map((w) => [w.field, w.value])))
        multi.pExpire(key, HISTORY_TTL_MS)
      }
      await multi.execAsPipeline()
    },
  }
}

export type StatusHistoryStore = ReturnType<typeof createStatusHistoryStore>
