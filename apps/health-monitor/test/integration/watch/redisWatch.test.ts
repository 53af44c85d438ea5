import { errorMessage } from '@squeezeflow/core'
import { type RedisServer, startRedis } from '@squeezeflow/test-harness'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRedisWatch } from '../../../src/adapters/watch/redisWatch.js'
import { deriveRedisFigures } from '../../../src/watch/deriveRedisFigures.js'
import { newestSignal } from '../../../src/watch/newestSignal.js'
import { queueConditions } from '../../../src/watch/queueDepths.js'
import { signalCounterValue } from '../../../src/watch/redisWatchReply.js'
import {
  addCounterSample,
  type CounterSample,
  signalsPerMinute,
} from '../../../src/watch/signalsPerMinute.js'

type Client = ReturnType<typeof createClient>

describe('Redis watch figures against a real redis-server', () => {
  let server: RedisServer
  let client: Client

  beforeAll(async () => {
    server = await startRedis()
    client = createClient({ url: server.url })
    await client.connect()
  })

  afterAll(async () => {
    await client?.close()
    await server?.stop()
  })

  const watch = (
    over: { queueKeys?: string[]; signalPattern?: string; scanLimit?: number; scanSlice?: number } = {},
  ) =>
    createRedisWatch(client, {
      counterKey: 'squeezeflow:stats:signals_published',
      queueKeys: over.queueKeys ?? [],
      signalPattern: over.signalPattern ?? 'squeezeflow:signal:*',
      scanLimit: over.scanLimit ?? 1000,
      scanSlice: over.scanSlice,
      clock: Date.now,
    })

  it('gives the exact hit ratio of a scripted run of GETs on present and absent keys', async () => {
    await client.mSet({ 'hit:a': '1', 'hit:b': '2', 'hit:c': '3' })
    const w = watch()
    const before = await w.info()
    for (const key of ['hit:a', 'hit:b', 'hit:c', 'hit:a', 'hit:b', 'hit:c']) await client.get(key)
    for (const key of ['hit:absent1', 'hit:absent2']) await client.get(key)
    const after = await w.info()
    const figures = deriveRedisFigures(before, after)
    expect(figures.cache_hit_ratio).toBe(0.75)
    expect(figures.counters_reset).toBe(false)
    expect(figures.connected_clients).toBe(1)
    expect(figures.mem_fragmentation_ratio).toBeGreaterThan(0)
    // 8 GETs and the second INFO at least
    expect(figures.ops_per_sec).toBeGreaterThan(0)
  })

  /** A list of 5, a stream of 4 with a group that has 3 pending, a zset of 2, a string and a missing key. */
  async function queues(prefix: string): Promise<string[]> {
    await client.rPush(`${prefix}:list`, ['a', 'b', 'c', 'd', 'e'])
    for (let i = 0; i < 4; i++) await client.xAdd(`${prefix}:stream`, '*', { n: String(i) })
    await client.xGroupCreate(`${prefix}:stream`, 'workers', '0')
    await client.xReadGroup('workers', 'w1', { key: `${prefix}:stream`, id: '>' }, { COUNT: 3 })
    await client.zAdd(`${prefix}:zset`, [
      { score: 1, value: 'x' },
      { score: 2, value: 'y' },
    ])
    await client.set(`${prefix}:string`, 'not a queue')
    return ['list', 'stream', 'zset', 'string', 'missing'].map((name) => `${prefix}:${name}`)
  }

  it('reports a list, a stream with a consumer group and a zset by their depths; a wrong type and a missing key do not break it', async () => {
    const keys = await queues('q')
    const depths = (await watch({ queueKeys: keys }).read()).queues
    expect(depths).toEqual([
      { key: 'q:list', type: 'list', depth: 5, missing: false },
      {
        key: 'q:stream',
        type: 'stream',
        depth: 4,
        missing: false,
        groups: [{ group: 'workers', pending: 3, lag: 1 }],
      },
      { key: 'q:zset', type: 'zset', depth: 2, missing: false },
      { key: 'q:string', type: 'string', depth: null, missing: false },
      { key: 'q:missing', type: 'none', depth: 0, missing: true },
    ])
    expect(queueConditions(depths, { 'q:list': 4, 'q:zset': 2, 'q:string': 0 }).map((c) => c.rule)).toEqual([
      'queue_depth_high:q:list',
    ])
  })

  it('without EVAL (an ACL without @scripting) reads the same depths pipelined, and signal times by OBJECT IDLETIME', async () => {
    await client.sendCommand(['ACL', 'SETUSER', 'watcher', 'on', '>watcher-pw', '~*', '+@all', '-@scripting'])
    const limited: Client = createClient({ url: server.url, username: 'watcher', password: 'watcher-pw' })
    await limited.connect()
    try {
      const keys = await queues('acl')
      const options = {
        counterKey: 'acl:counter',
        queueKeys: keys,
        signalPattern: 'acl:signal:*',
        scanLimit: 1000,
        clock: Date.now,
      }
      await expect(limited.eval('return 1')).rejects.toThrow(/NOPERM/)
      expect((await createRedisWatch(limited, options).read()).queues).toEqual(
        (await watch({ queueKeys: keys }).read()).queues,
      )

      await client.set('acl:signal:btc', JSON.stringify({ timestamp: Date.now() - 60_000 }))
      const reading = (await createRedisWatch(limited, options).read()).signals
      expect(reading.readings).toEqual([
        { key: 'acl:signal:btc', stamp: null, idleSeconds: expect.any(Number) },
      ])
      expect(newestSignal(reading.readings, reading, Date.now()).time_source).toBe('idle_time')
    } finally {
      await limited.close()
    }
  })

  it('reads the signal counter as a GET would, with EVAL and without: absent, a number, text, another type', async () => {
    await client.sendCommand(['ACL', 'SETUSER', 'watcher', 'on', '>watcher-pw', '~*', '+@all', '-@scripting'])
    const limited: Client = createClient({ url: server.url, username: 'watcher', password: 'watcher-pw' })
    await limited.connect()
    try {
      const counterKey = 'c:stats:signals_published'
      const options = {
        counterKey,
        queueKeys: [],
        signalPattern: 'c:signal:*',
        scanLimit: 1000,
        clock: Date.now,
      }
      const both = async () => {
        const [scripted, pipelined] = [createRedisWatch(client, options), createRedisWatch(limited, options)]
        const readings = [(await scripted.read()).counter, (await pipelined.read()).counter]
        return readings.map((counter) => {
          try {
            return signalCounterValue(counter, counterKey)
          } catch (error) {
            return errorMessage(error)
          }
        })
      }
      expect(await both()).toEqual([null, null])
      await client.set(counterKey, '1234')
      expect(await both()).toEqual([1234, 1234])
      await client.set(counterKey, 'lots')
      const text = `${counterKey} holds "lots", not a number`
      expect(await both()).toEqual([text, text])
      await client.del(counterKey)
      await client.hSet(counterKey, { n: '1' })
      const wrongType = 'WRONGTYPE Operation against a key holding the wrong kind of value'
      expect(await both()).toEqual([wrongType, wrongType])
      // The rest of the reading stands.
      expect((await createRedisWatch(client, { ...options, queueKeys: ['c:q'] }).read()).queues).toEqual([
        { key: 'c:q', type: 'none', depth: 0, missing: true },
      ])
    } finally {
      await limited.close()
    }
  })

  it('finds the newest signal key by its own timestamp, and falls back to OBJECT IDLETIME', async () => {
    const now = Date.now()
    await client.set('t1:signal:btc', JSON.stringify({ symbol: 'BTC', timestamp: now - 30_000 }))
    await client.hSet('t1:signal:eth', { timestamp: String(Math.floor((now - 10_000) / 1000)) })
    await client.zAdd('t1:signal:sol', { score: now - 60_000, value: 'long' })
    const stamped = (await watch({ signalPattern: 't1:signal:*' }).read()).signals
    // Ages against the time the stamps were made from; the hash's stamp is in whole seconds.
    const newest = newestSignal(stamped.readings, stamped, now)
    expect(newest).toMatchObject({
      newest_key: 't1:signal:eth',
      time_source: 'timestamp',
      keys_found: 3,
      scan_complete: true,
    })
    // The age is reported to 0.01 s, so it may differ from the exact one by half of that.
    const exactAge = 10 + (now % 1000) / 1000
    expect(Math.abs((newest.newest_age_seconds ?? Number.NaN) - exactAge)).toBeLessThanOrEqual(0.0051)

    await client.set('t2:signal:plain', 'BUY')
    const plain = (await watch({ signalPattern: 't2:signal:*' }).read()).signals
    expect(newestSignal(plain.readings, plain, Date.now())).toMatchObject({
      newest_key: 't2:signal:plain',
      time_source: 'idle_time',
    })
  })

  it('examines at most SIGNAL_SCAN_LIMIT keys and says when it stopped short', async () => {
    const filler = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`filler:${i}`, '1']))
    await client.mSet(filler)
    const limited = (await watch({ signalPattern: 'squeezeflow:signal:*', scanLimit: 100 }).read()).signals
    expect(limited).toMatchObject({ examined: 100, complete: false })
    const full = (await watch({ signalPattern: 'squeezeflow:signal:*', scanLimit: 1_000_000 }).read()).signals
    expect(full.complete).toBe(true)
  })

  it('reads a scan larger than one slice in several calls, each continuing from the last cursor', async () => {
    const filler = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`slice:filler:${i}`, '1']))
    await client.mSet(filler)
    await client.mSet({ 'slice:signal:a': 'BUY', 'slice:signal:b': 'SELL', 'slice:signal:c': 'BUY' })
    const before = Number((await client.info('commandstats')).match(/cmdstat_evalsha:calls=(\d+)/)?.[1] ?? 0)
    const sliced = (
      await watch({ signalPattern: 'slice:signal:*', scanLimit: 1_000_000, scanSlice: 1000 }).read()
    ).signals
    const after = Number((await client.info('commandstats')).match(/cmdstat_evalsha:calls=(\d+)/)?.[1] ?? 0)
    const whole = (await watch({ signalPattern: 'slice:signal:*', scanLimit: 1_000_000 }).read()).signals
    expect(sliced.complete).toBe(true)
    expect(sliced.readings.map((r) => r.key).sort()).toEqual([
      'slice:signal:a',
      'slice:signal:b',
      'slice:signal:c',
    ])
    expect(sliced.readings.map((r) => r.key).sort()).toEqual(whole.readings.map((r) => r.key).sort())
    // The keyspace holds more than 3,000 keys, so at least four slices of 1,000 (the first may EVAL instead).
    expect(after - before).toBeGreaterThanOrEqual(3)
  })

  it('reports a scripted publisher’s rate within 10 %', async () => {
    const key = 'squeezeflow:stats:signals_published'
    const perSecond = 20
    const started = Date.now()
    let published = 0
    // Catches up to the schedule on every tick, so timer jitter does not change the rate.
    const publisher = setInterval(() => {
      const due = Math.floor(((Date.now() - started) / 1000) * perSecond)
      for (; published < due; published++) void client.incr(key)
    }, 25)
    let ring: CounterSample[] = []
    try {
      for (let i = 0; i < 8; i++) {
        await new Promise((resolve) => setTimeout(resolve, 400))
        const raw = await client.get(key)
        ring = addCounterSample(ring, raw === null ? null : { atMs: Date.now(), value: Number(raw) })
      }
    } finally {
      clearInterval(publisher)
    }
    const rate = signalsPerMinute(ring)
    expect(rate).not.toBeNull()
    expect(Math.abs((rate ?? 0) - perSecond * 60) / (perSecond * 60)).toBeLessThan(0.1)
  })
})
