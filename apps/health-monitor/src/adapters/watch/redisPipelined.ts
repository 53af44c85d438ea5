import { errorMessage } from '@squeezeflow/core'
import type { RedisClient } from '@squeezeflow/service-kit/redis'
import { ErrorReply } from 'redis'

/**
 * The reads of the watch script (redisWatchScript.ts) for a Redis that refuses scripts (an ACL without
 * `@scripting`), answering in the script's reply shape. node-redis writes the commands issued in one tick
 * together, and the three parts run side by side, so a cycle takes max(2, SCAN pages + 1) round trips
 * instead of one: GET, the first SCAN page and every queue's TYPE share the first.
 */

/** Whether Redis refused to run a script at all (rather than the script failing). */
export function isScriptingRefused(error: unknown): boolean {
  const message = errorMessage(error)
  return /^(NOPERM|ERR unknown command)|no permissions to run the 'eval(sha)?' command/i.test(message)
}

export interface WatchReadArgs {
  counterKey: string
  queueKeys: readonly string[]
  signalPattern: string
  scanLimit: number
  scanBatch: number
}

/** `[type, depth|null, [group, pending, lag|null, …]]` per key, like the script's queue part. */
async function queueReplies(client: RedisClient, keys: readonly string[]): Promise<unknown[]> {
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
 * `[examined, complete, [[key, null, idleSeconds|null], …], cursor]`: the same bounded SCAN as the script, one
 * page per round trip, then one pipelined OBJECT IDLETIME per key found. The key's own timestamp is not
 * read (that would take another, type-dependent round trip).
 */
async function signalReplies(client: RedisClient, args: WatchReadArgs): Promise<unknown[]> {
  const keys = new Set<string>()
  let cursor = '0'
  let examined = 0
  do {
    const count = Math.min(args.scanBatch, args.scanLimit - examined)
    const page = await client.scan(cursor, { MATCH: args.signalPattern, COUNT: count })
    examined += count
    cursor = page.cursor
    for (const key of page.keys) keys.add(key)
  } while (cursor !== '0' && examined < args.scanLimit)
  const found = [...keys]
  const idle = await Promise.all(found.map((key) => client.objectIdleTime(key).catch(() => null)))
  return [examined, cursor === '0' ? 1 : 0, found.map((key, i) => [key, null, idle[i]]), cursor]
}

/** `[value|null, error|null]`: a refusal of the key (WRONGTYPE) is the counter's own answer. */
async function counterReply(client: RedisClient, key: string): Promise<unknown[]> {
  try {
    return [await client.get(key), null]
  } catch (error) {
    if (!(error instanceof ErrorReply)) throw error
    return [null, error.message]
  }
}

/** The script's reply, read with plain commands. */
export async function readPipelined(client: RedisClient, args: WatchReadArgs): Promise<unknown[]> {
  return Promise.all([
    counterReply(client, args.counterKey),
    signalReplies(client, args),
    queueReplies(client, args.queueKeys),
  ])
}
