import type { Clock } from '@squeezeflow/core'
import type { RedisClient } from '@squeezeflow/service-kit/redis'
import type { RedisInfoSample } from '../../watch/deriveRedisFigures.js'
import type { SignalKeyReading } from '../../watch/newestSignal.js'
import { type QueueDepth, queueDepths } from '../../watch/queueDepths.js'
import { parseRedisInfo } from '../parseRedisInfo.js'
import { isScriptingRefused, queueRepliesPipelined, signalRepliesPipelined } from './redisPipelined.js'

/**
 * Per key: TYPE, then the one length command that type has (LLEN / XLEN and each consumer group's pending
 * and lag / ZCARD), so every queue costs a single command in a single round trip, and a key of another
 * type is reported rather than answered with WRONGTYPE. Read-only.
 */
const QUEUE_DEPTH_SCRIPT = `
local out = {}
for i, key in ipairs(KEYS) do
  local t = redis.call('TYPE', key).ok
  local depth, groups = false, {}
  if t == 'list' then depth = redis.call('LLEN', key)
  elseif t == 'zset' then depth = redis.call('ZCARD', key)
  elseif t == 'stream' then
    depth = redis.call('XLEN', key)
    for _, g in ipairs(redis.call('XINFO', 'GROUPS', key)) do
      local f = {}
      for j = 1, #g, 2 do f[g[j]] = g[j + 1] end
      table.insert(groups, f['name'])
      table.insert(groups, f['pending'] or 0)
      table.insert(groups, f['lag'] or false)
    end
  end
  out[i] = { t, depth, groups }
end
return out`

/**
 * Per signal key: its own time where it carries one (see watch/newestSignal.ts) and OBJECT IDLETIME. Numbers
 * go back as text, since Redis would truncate a Lua number to an integer.
 */
const SIGNAL_TIME_SCRIPT = `
local out = {}
for i, key in ipairs(KEYS) do
  local t = redis.call('TYPE', key).ok
  local stamp = false
  if t == 'string' then
    local ok, doc = pcall(cjson.decode, redis.call('GET', key))
    if ok and type(doc) == 'table' then stamp = doc.timestamp or false end
  elseif t == 'hash' then stamp = redis.call('HGET', key, 'timestamp')
  elseif t == 'zset' then
    local top = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
    if #top == 2 then stamp = top[2] end
  elseif t == 'stream' then
    local last = redis.call('XREVRANGE', key, '+', '-', 'COUNT', 1)
    if #last == 1 then stamp = last[1][1] end
  end
  if type(stamp) == 'number' then stamp = string.format('%.3f', stamp)
  elseif type(stamp) ~= 'string' then stamp = false end
  local idle = redis.pcall('OBJECT', 'IDLETIME', key)
  if type(idle) ~= 'number' then idle = false end
  out[i] = { stamp, idle }
end
return out`

/** SCAN's COUNT per call: bounds how long one call holds Redis. */
const SCAN_BATCH = 500

export interface RedisWatchOptions {
  queueKeys: readonly string[]
  /** e.g. `squeezeflow:signal:*`. */
  signalPattern: string
  /** SIGNAL_SCAN_LIMIT: at most this many keys are examined per cycle. */
  scanLimit: number
  clock: Clock
}

export interface SignalKeysReading {
  readings: SignalKeyReading[]
  examined: number
  complete: boolean
}

/** The Redis reads of the watch figures; each rejects while Redis cannot answer (the caller reports it). */
export function createRedisWatch(client: RedisClient, options: RedisWatchOptions) {
  const { queueKeys, signalPattern, scanLimit, clock } = options
  // Once Redis refuses EVAL, every later cycle goes straight to the pipelined reads.
  let scripting = true

  async function run(
    script: string,
    keys: readonly string[],
    pipelined: (client: RedisClient, keys: readonly string[]) => Promise<unknown[]>,
  ): Promise<unknown> {
    if (scripting) {
      try {
        return await client.eval(script, { keys: [...keys] })
      } catch (error) {
        if (!isScriptingRefused(error)) throw error
        scripting = false
      }
    }
    return pipelined(client, keys)
  }

  return {
    /** One INFO. The redis check already reads one each cycle: pass that sample instead where possible. */
    async info(): Promise<RedisInfoSample> {
      const text = await client.info()
      return { atMs: clock(), info: parseRedisInfo(text) }
    },

    /** One EVAL for all QUEUE_KEYS (two pipelined round trips without EVAL); none when there are no keys. */
    async queueDepths(): Promise<QueueDepth[]> {
      if (queueKeys.length === 0) return []
      return queueDepths(queueKeys, await run(QUEUE_DEPTH_SCRIPT, queueKeys, queueRepliesPipelined))
    },

    /**
     * ⌈examined / 500⌉ SCAN calls (never KEYS) until the cursor wraps or `scanLimit` keys were examined, then
     * one EVAL reading the time of the keys found (without EVAL: one pipelined OBJECT IDLETIME per key).
     */
    async signalKeys(): Promise<SignalKeysReading> {
      const keys = new Set<string>()
      let cursor = '0'
      let examined = 0
      do {
        const count = Math.min(SCAN_BATCH, scanLimit - examined)
        const page = await client.scan(cursor, { MATCH: signalPattern, COUNT: count })
        examined += count
        cursor = page.cursor
        for (const key of page.keys) keys.add(key)
      } while (cursor !== '0' && examined < scanLimit)
      const found = [...keys]
      const reply = found.length === 0 ? [] : await run(SIGNAL_TIME_SCRIPT, found, signalRepliesPipelined)
      const rows = Array.isArray(reply) ? (reply as Array<[unknown, unknown]>) : []
      const readings = found.map((key, i) => {
        const [stamp, idle] = rows[i] ?? [null, null]
        return {
          key,
          stamp: typeof stamp === 'string' || typeof stamp === 'number' ? stamp : null,
          idleSeconds: typeof idle === 'number' ? idle : null,
        }
      })
      return { readings, examined, complete: cursor === '0' }
    },
  }
}
