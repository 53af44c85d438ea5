import { AlertDefinitionError, createManualClock } from '@squeezeflow/core'
import { type RedisServer, startRedis } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { PerformanceMonitor } from '../src/index.js'
import {
  connect,
  createMonitor,
  readStream,
  recordSequence,
  STREAM,
  spawnRecordingService,
  type TestClient,
} from './helpers.js'

/** Calls of one command since the last CONFIG RESETSTAT, from INFO commandstats. */
async function commandCalls(client: TestClient, command: string): Promise<number> {
  const info = await client.info('commandstats')
  return Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info)?.[1] ?? 0)
}

const RULES = 'squeezeflow:alert_rules'
const backlog = {
  metric_name: 'signal_backlog',
  threshold_value: 100,
  comparison: 'gt',
  duration_seconds: 60,
  severity: 'warning',
  message_template: 'Signal backlog high: {value} signals',
} as const

describe('shipping to a real redis-server', () => {
  let redis: RedisServer
  let client: TestClient

  beforeAll(async () => {
    redis = await startRedis()
    client = await connect(redis.port)
  })

  afterAll(async () => {
    client?.destroy()
    await redis?.stop()
  })

  beforeEach(async () => {
    await client.flushAll()
    await client.configResetStat()
  })

  it('timings recorded by a second process appear in the ingest stream', async () => {
    const service = spawnRecordingService({ REDIS_PORT: String(redis.port), MODE: 'burst' })
    const { code, result } = await service.exited
    expect(service.stderr()).toBe('')
    expect(code).toBe(0)
    expect(result).toMatchObject({ buffered: 0, dropped: 0, rejected: 1 })
    expect(result?.lastError).toBeUndefined()

    const points = await readStream(client)
    const named = (name: string) => points.filter((p) => p.metric_name === name)
    expect(named('signal_generation_time_ms')).toHaveLength(20)
    expect(named('redis_publish_time_ms')).toHaveLength(11)
    for (const point of named('signal_generation_time_ms')) {
      expect(point).toMatchObject({ unit: 'ms', service: 'strategy-runner', tags: {} })
      expect(point.value).toBeGreaterThan(0)
      expect(Math.abs(point.timestamp - Date.now())).toBeLessThan(60_000)
    }
    expect(named('signal_generation_error_rate_percent').map((p) => p.value)).toContain(25)
    expect(named('signal_generation_error_count').reduce((sum, p) => sum + p.value, 0)).toBe(5)
    expect(named('signals_generated')).toEqual([
      expect.objectContaining({ value: 7, tags: { symbol: 'BTC' } }),
    ])
    expect(named('sdk_rejected_points_total').at(-1)?.value).toBe(1)
    expect(points.every((p) => p.service === 'strategy-runner')).toBe(true)
  })

  it('ships one flush in ONE round trip: a MULTI of XADDs of at most maxPointsPerEntry points each', async () => {
    await using perf = createMonitor(redis, { flushIntervalMs: 0, batchSize: 5000, maxPointsPerEntry: 1000 })
    recordSequence(perf, 2500)
    expect(await perf.flush()).toEqual({ shipped: 2500, remaining: 0, error: undefined })
    expect(perf.stats()).toMatchObject({ shipped: 2500, roundTrips: 1, buffered: 0 })
    expect(await client.xLen(STREAM)).toBe(3)
    expect(await commandCalls(client, 'xadd')).toBe(3)
    expect(await commandCalls(client, 'exec')).toBe(1)
    expect((await readStream(client)).map((p) => p.value)).toEqual(Array.from({ length: 2500 }, (_, i) => i))
  })

  it('never stalls a caller recording faster than it ships: the overflow is dropped, counted and reported', async () => {
    await using perf = createMonitor(redis, { flushIntervalMs: 0, bufferCapacity: 1000, batchSize: 500 })
    await perf.flush()
    const recorded = 20_000
    // Slices of 2000 between turns of the event loop: each slice alone overflows the buffer.
    for (let from = 0; from < recorded; from += 2000) {
      recordSequence(perf, 2000, 'seq', from)
      await new Promise((resolve) => setImmediate(resolve))
    }
    await perf.flush()
    await perf.flush()
    const { shipped, dropped, buffered } = perf.stats()
    const points = await readStream(client)
    const seq = points.filter((p) => p.metric_name === 'seq').map((p) => p.value)
    expect(buffered).toBe(0)
    expect(dropped).toBeGreaterThan(0)
    expect(seq.length + dropped).toBe(recorded)
    // What was kept went out in recording order; the report counts every drop.
    expect(seq).toEqual([...seq].sort((a, b) => a - b))
    expect(points.filter((p) => p.metric_name === 'sdk_dropped_points_total').at(-1)?.value).toBe(dropped)
    expect(shipped).toBe(points.length)
  })

  it('flushes on its own when the batch size is reached, and on the interval', async () => {
    await using perf = createMonitor(redis, { flushIntervalMs: 100, batchSize: 50 })
    await perf.flush()
    recordSequence(perf, 50, 'by_size')
    await expect.poll(async () => (await readStream(client)).length, { timeout: 5000 }).toBe(50)
    recordSequence(perf, 1, 'by_interval')
    await expect.poll(async () => (await readStream(client)).length, { timeout: 5000 }).toBe(51)
  })

  it("bounds the stream's backlog with XADD MAXLEN ~", async () => {
    await using perf = createMonitor(redis, { flushIntervalMs: 0, streamMaxLen: 10 })
    // `~` trims whole stream nodes (100 entries by default), so the bound shows after a few hundred entries.
    for (let i = 0; i < 400; i++) {
      recordSequence(perf, 1, 'seq', i)
      await perf.flush()
    }
    const length = await client.xLen(STREAM)
    expect(length).toBeLessThanOrEqual(110)
    expect(length).toBeGreaterThanOrEqual(10)
  })

  it("uses a caller's node-redis client and leaves it open on close()", async () => {
    const own = await connect(redis.port)
    try {
      const perf = new PerformanceMonitor({
        service: 'svc',
        redis: own,
        prefix: 'custom',
        flushIntervalMs: 0,
      })
      await perf.time('op', () => 42)
      await perf.close()
      expect(own.isOpen).toBe(true)
      expect((await readStream(client, 'custom:ingest:metrics')).map((p) => p.metric_name)).toEqual([
        'op_time_ms',
      ])
    } finally {
      own.destroy()
    }
  })

  it('adds a rule to the hash under its default name, with defaults, service and time, and removes it', async () => {
    const time = createManualClock(Date.parse('2026-11-30T08:00:00.000Z'))
    await using perf = createMonitor(redis, { service: 'strategy-runner', clock: time.clock })
    const stored = await perf.addPerformanceAlert(backlog)
    const expected = {
      name: 'signal_backlog_gt',
      ...backlog,
      enabled: true,
      match: 'exact',
      scope: 'metric',
      added_by: 'strategy-runner',
      updated_at: '2026-11-30T08:00:00.000Z',
    }
    expect(stored).toEqual(expected)
    expect(JSON.parse(String(await client.hGet(RULES, 'signal_backlog_gt')))).toEqual(expected)
    expect(await perf.removePerformanceAlert('signal_backlog_gt')).toBe(true)
    expect(await perf.removePerformanceAlert('signal_backlog_gt')).toBe(false)
    expect(await client.hLen(RULES)).toBe(0)
  })

  it('refuses an invalid rule naming the field, and writes nothing', async () => {
    await using perf = createMonitor(redis)
    const bad = { ...backlog, comparison: '>' } as unknown as typeof backlog
    await expect(perf.addPerformanceAlert(bad)).rejects.toThrow(AlertDefinitionError)
    await expect(perf.addPerformanceAlert(bad)).rejects.toThrow('performance alert comparison must be')
    expect(await client.hLen(RULES)).toBe(0)
  })

  it('writes v2 entries: field c only, one series per metric and tag set', async () => {
    await using perf = createMonitor(redis, { service: 'svc' })
    for (let i = 0; i < 4; i++)
      perf.recordMetric({ metricName: 'm', value: i, unit: 'ms', tags: { s: 'BTC' } })
    await perf.flush()
    const [entry] = await client.xRange(STREAM, '-', '+')
    expect(Object.keys(entry?.message ?? {})).toEqual(['c'])
    const body = JSON.parse(String(entry?.message.c))
    expect(body).toMatchObject({ v: 2, service: 'svc', series: [['m', 'ms', { s: 'BTC' }]], x: [0, 1, 2, 3] })
    expect(body.i).toEqual([0, 0, 0, 0])
  })
})
