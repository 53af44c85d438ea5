import { errorMessage } from '@squeezeflow/core'
import type { RedisClient } from '@squeezeflow/service-kit/redis'

/**
 * The same reads as the scripts in redisWatch.ts, for a Redis that refuses EVAL (an ACL without
 * `@scripting`). node-redis writes the commands issued in one tick together, so each stage is one round trip:
 * TYPE for every key, then the length commands of each type — two round trips instead of one.
 */

/** Whether Redis refused to run a script at all (rather than the script failing). */
export function isScriptingRefused(error: unknown): boolean {
  const message = errorMessage(error)
  return /^(NOPERM|ERR unknown command)|no permissions to run the 'eval' command/i.test(message)
}

/** `[type, depth|null, [group, pending, lag|null, …]]` per key, like the queue-depth script. */
export async function queueRepliesPipelined(
  client: RedisClient,
  keys: readonly string[],
): Promise<unknown[]> {
  const types = await Promise.all(keys.map((key) => client.type(key)))
  return Promise.all(
    keys.map(async (key, i) => {
      const type = String(types[i])
      if (type === 'list') return [type, await client.lLen(key), []]
      if (type === 'zset') return [type, await client.zCard(key), []]
      if (type !== 'stream') return [type, null, []]
      const [length, groups] = await Promise.all([client.xLen(key), client.xInfoGroups(key)])
      const flat = groups.flatMap((g) => [g.name, g.pending, typeof g.lag === 'number' ? g.lag : null])
      return [type, length, flat]
    }),
  )
}

/**
 * `[stamp, idleSeconds|null]` per key, in one round trip. Without a script the key's own timestamp is not
 * read (that would take a third, type-dependent round trip): OBJECT IDLETIME only.
 */
export async function signalRepliesPipelined(
  client: RedisClient,
  keys: readonly string[],
): Promise<unknown[]> {
  const idle = await Promise.all(keys.map((key) => client.objectIdleTime(key).catch(() => null)))
  return idle.map((seconds) => [null, seconds])
}
