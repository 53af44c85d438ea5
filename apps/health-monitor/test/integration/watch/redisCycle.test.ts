import { createManualClock, createRedisKeys } from '@squeezeflow/core'
import { createRedisConnection, type RedisConnection } from '@squeezeflow/service-kit/redis'
import { type RedisServer, startRedis, waitFor } from '@squeezeflow/test-harness'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config.js'
import { registerDefaultChecks } from '../../../src/registerDefaultChecks.js'
import type { CheckFn } from '../../../src/types.js'
import { silentLogger } from '../../fixtures/silentLogger.js'

type Client = ReturnType<typeof createClient>

const keys = createRedisKeys('cyc')
const QUEUES = ['cyc:queue:list', 'cyc:queue:stream', 'cyc:queue:zset']
const INTERVAL_MS = 30_000

const scanCalls = (commandstats: string) => Number(/cmdstat_scan:calls=(\d+)/.exec(commandstats)?.[1] ?? 0)

/**
 * The commands Redis received from its clients, as MONITOR shows them: what a script runs inside is shown
 * with the source `lua` and is left out, so what remains are the commands sent over the wire.
 */
async function recordCommands(url: string, marker: Client) {
  const monitor: Client = createClient({ url })
  await monitor.connect()
  const lines: string[] = []
  await monitor.monitor((line) => lines.push(String(line)))
  let round = 0
  return {
    /** The names of the commands sent while `fn` ran, in order. */
    async during(fn: () => Promise<unknown>): Promise<string[]> {
      // MONITOR shows commands in the order Redis ran them, but its lines arrive late: a marker before and
      // one after `fn` fence off exactly `fn`'s commands (not, say, a test's own INFO just before).
      const seen = async (tag: string, after: number) => {
        await marker.echo(tag)
        return waitFor(() => lines.findIndex((line, i) => i >= after && line.includes(tag)) + 1, {
          description: 'MONITOR caught up',
        })
      }
      round += 1
      const from = await seen(`start-of-cycle-${round}`, 0)
      await fn()
      const end = await seen(`end-of-cycle-${round}`, from)
      return lines
        .slice(from, end - 1)
        .map((line) => /^\S+ \[\d+ ([^\]]+)\] "([^"]+)"/.exec(line))
        .filter((match) => match !== null && match[1] !== 'lua')
        .map((match) => String(match?.[2]).toLowerCase())
    },
    close: () => monitor.close(),
  }
}

describe('the Redis watch figures of one cycle against a real redis-server', () => {
  let server: RedisServer
  let admin: Client
  let commands: Awaited<ReturnType<typeof recordCommands>>
  const connections: RedisConnection[] = []

  beforeAll(async () => {
    server = await startRedis()
    admin = createClient({ url: server.url })
    await admin.connect()
    commands = await recordCommands(server.url, admin)
    await admin.set(keys.signalsPublished, '42')
    await admin.rPush('cyc:queue:list', ['a', 'b', 'c'])
    await admin.xAdd('cyc:queue:stream', '*', { n: '1' })
    await admin.xGroupCreate('cyc:queue:stream', 'workers', '0')
    await admin.zAdd('cyc:queue:zset', { score: 1, value: 'x' })
    await admin.set('cyc:signal:btc', JSON.stringify({ timestamp: Date.now() - 5_000 }))
    await admin.mSet(Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`cyc:other:${i}`, '1'])))
  })

  afterAll(async () => {
    for (const connection of connections) await connection.close()
    await commands?.close()
    await admin?.close()
    await server?.stop()
  })

  /** The redis and strategy_runner checks as the monitor registers them, on their own connection. */
  async function defaultChecks() {
    const connection = createRedisConnection({
      host: server.host,
      port: server.port,
      name: 'cycle-test',
      logger: silentLogger,
    })
    connections.push(connection)
    await waitFor(() => connection.isReady(), { description: 'redis connection' })
    const config = loadConfig({
      REDIS_HOST: server.host,
      REDIS_PORT: String(server.port),
      REDIS_PREFIX: 'cyc',
      HEALTH_CHECK_INTERVAL: String(INTERVAL_MS / 1000),
      QUEUE_KEYS: QUEUES.join(','),
      SIGNAL_SCAN_LIMIT: '10000',
    })
    const manual = createManualClock(Date.now())
    const checks = new Map<string, CheckFn>()
    registerDefaultChecks(
      { registerCheck: (name, fn) => void checks.set(name, fn) },
      { config, redis: () => connection, keys, clock: manual.clock },
    )
    const redis = checks.get('redis') as CheckFn
    const runner = checks.get('strategy_runner') as CheckFn
    /** One cycle of both checks, run together as the check loop runs them: their details. */
    const cycle = async () => {
      const [redisOutcome, runnerOutcome] = await Promise.all([redis(), runner()])
      manual.advance(INTERVAL_MS)
      return { redis: redisOutcome.details ?? {}, runner: runnerOutcome.details ?? {} }
    }
    return { cycle }
  }

  it('costs PING, INFO and one EVALSHA per cycle for both checks (and EVAL once, to load the script)', async () => {
    await admin.scriptFlush()
    const { cycle } = await defaultChecks()
    let outcome: Awaited<ReturnType<typeof cycle>> | undefined
    const first = await commands.during(async () => {
      outcome = await cycle()
    })
    // Redis answered NOSCRIPT to the EVALSHA: the script is sent once.
    expect(first.sort()).toEqual(['eval', 'evalsha', 'info', 'ping'])
    for (let i = 0; i < 3; i++) {
      const scansBefore = scanCalls(await admin.info('commandstats'))
      const sent = await commands.during(async () => {
        outcome = await cycle()
      })
      expect(sent.sort()).toEqual(['evalsha', 'info', 'ping'])
      // Several SCAN pages, all inside the one EVALSHA.
      expect(scanCalls(await admin.info('commandstats')) - scansBefore).toBeGreaterThan(1)
    }
    expect(outcome?.runner).toMatchObject({
      signals_published: 42,
      signals_per_minute: 0,
      newest_signal: {
        newest_key: 'cyc:signal:btc',
        time_source: 'timestamp',
        keys_found: 1,
        scan_complete: true,
      },
    })
    const newest = outcome?.runner.newest_signal as { keys_examined: number }
    expect(newest.keys_examined).toBeGreaterThan(500)
    expect(outcome?.redis.queues).toEqual([
      { key: 'cyc:queue:list', type: 'list', depth: 3, missing: false },
      {
        key: 'cyc:queue:stream',
        type: 'stream',
        depth: 1,
        missing: false,
        groups: [{ group: 'workers', pending: 0, lag: 1 }],
      },
      { key: 'cyc:queue:zset', type: 'zset', depth: 1, missing: false },
    ])
  })

  it('reads the same figures with plain commands where scripts are refused, and tries no script again', async () => {
    const scripted = await (await defaultChecks()).cycle()
    await admin.sendCommand(['ACL', 'SETUSER', 'default', '-@scripting'])
    try {
      const { cycle } = await defaultChecks()
      const before = await admin.info('commandstats')
      const refused = await cycle()
      const sent = await commands.during(async () => {
        const again = await cycle()
        expect(again.runner.newest_signal).toEqual(refused.runner.newest_signal)
      })
      const after = await admin.info('commandstats')
      // EVALSHA was refused once (the refusal is not shown by MONITOR), never sent again.
      const rejected = (text: string) => Number(/cmdstat_evalsha:.*rejected_calls=(\d+)/.exec(text)?.[1] ?? 0)
      expect(rejected(after) - rejected(before)).toBe(1)
      expect(sent).not.toContain('evalsha')
      expect(sent).toEqual(expect.arrayContaining(['get', 'scan', 'type', 'llen', 'xlen', 'zcard']))

      expect(refused.redis.queues).toEqual(scripted.redis.queues)
      expect(refused.runner.signals_published).toBe(42)
      // Without a script the key's own timestamp is not read: its age comes from OBJECT IDLETIME.
      const { keys_examined } = scripted.runner.newest_signal as { keys_examined: number }
      expect(refused.runner.newest_signal).toMatchObject({
        newest_key: 'cyc:signal:btc',
        time_source: 'idle_time',
        keys_found: 1,
        keys_examined,
        scan_complete: true,
      })
    } finally {
      await admin.sendCommand(['ACL', 'SETUSER', 'default', '+@scripting'])
    }
  })
})
