import { type Clock, errorMessage } from '@squeezeflow/core'
import type { RedisClient } from '@squeezeflow/service-kit/redis'
import type { RedisInfoSample } from '../../watch/deriveRedisFigures.js'
import {
  continueSignalScan,
  parseRedisWatchReply,
  type RedisWatchReading,
} from '../../watch/redisWatchReply.js'
import { parseRedisInfo } from '../parseRedisInfo.js'
import { isScriptingRefused, readPipelined, type WatchReadArgs } from './redisPipelined.js'
import { REDIS_WATCH_SCRIPT, REDIS_WATCH_SCRIPT_SHA1 } from './redisWatchScript.js'

/** SCAN's COUNT per page: how many slots one SCAN inside the script walks before the next. */
const SCAN_BATCH = 500
/**
 * Keys one script call examines at most (≈ 4 ms of Redis, which serves no one else meanwhile); a larger
 * SIGNAL_SCAN_LIMIT is read in several calls, each from the cursor the last one returned.
 */
export const SCAN_SLICE = 10_000

export interface RedisWatchOptions {
  /** The strategy runner's counter, `<prefix>:stats:signals_published`. */
  counterKey: string
  queueKeys: readonly string[]
  /** e.g. `squeezeflow:signal:*`. */
  signalPattern: string
  /** SIGNAL_SCAN_LIMIT: at most this many keys are examined per reading. */
  scanLimit: number
  /** Keys one script call examines at most; SCAN_SLICE unless a test makes it smaller. */
  scanSlice?: number
  clock: Clock
}

/** The Redis reads of the watch figures; each rejects while Redis cannot answer (the caller reports it). */
export function createRedisWatch(client: RedisClient, options: RedisWatchOptions) {
  const { queueKeys, clock, scanLimit, scanSlice = SCAN_SLICE } = options
  const args: WatchReadArgs = { ...options, scanBatch: SCAN_BATCH }
  const sliceFrom = (cursor: string, examined: number) => [
    options.signalPattern,
    String(Math.min(scanSlice, scanLimit - examined)),
    String(SCAN_BATCH),
    cursor,
  ]
  // Once Redis refuses scripts, every later reading goes straight to the pipelined reads.
  let scripting = true

  /**
   * EVALSHA, and EVAL when Redis answers NOSCRIPT (its script cache is empty after a restart or SCRIPT
   * FLUSH; EVAL fills it again). node-redis does this only for scripts registered when the client is
   * created (`createClient({ scripts })`), and the monitor's connection is shared, so it is done here.
   */
  async function evalScript(keys: string[], argv: string[]): Promise<unknown> {
    const call = { keys, arguments: argv }
    try {
      return await client.evalSha(REDIS_WATCH_SCRIPT_SHA1, call)
    } catch (error) {
      if (!errorMessage(error).startsWith('NOSCRIPT')) throw error
      return client.eval(REDIS_WATCH_SCRIPT, call)
    }
  }

  /** The first call reads everything; the next ones continue the scan alone (only the counter as KEYS). */
  async function readScripted(): Promise<RedisWatchReading> {
    const first = await evalScript([options.counterKey, ...queueKeys], sliceFrom('0', 0))
    const reading = parseRedisWatchReply(first, queueKeys, clock())
    let { signals } = reading
    while (!signals.complete && signals.examined < scanLimit) {
      const next = await evalScript([options.counterKey], sliceFrom(signals.cursor, signals.examined))
      signals = continueSignalScan(signals, parseRedisWatchReply(next, [], clock()).signals)
    }
    return { ...reading, signals }
  }

  return {
    /** One INFO. The redis check already reads one each cycle: pass that sample instead where possible. */
    async info(): Promise<RedisInfoSample> {
      const text = await client.info()
      return { atMs: clock(), info: parseRedisInfo(text) }
    },

    /**
     * The signal counter, the newest signal keys (a SCAN bounded by `scanLimit`, never KEYS) and the
     * QUEUE_KEYS depths in one EVALSHA: one round trip (two when Redis must be sent the script first, and
     * one more per SCAN_SLICE keys beyond the first). Without scripts: the pipelined reads of
     * redisPipelined.ts.
     */
    async read(): Promise<RedisWatchReading> {
      if (scripting) {
        try {
          return await readScripted()
        } catch (error) {
          if (!isScriptingRefused(error)) throw error
          scripting = false
        }
      }
      return parseRedisWatchReply(await readPipelined(client, args), queueKeys, clock())
    },
  }
}
