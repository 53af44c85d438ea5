/**
 * metrics-sdk benchmark, one run:
 *   (a) recordMetric throughput in-process against pushing the same objects into a plain array;
 *   (b) Redis round trips per 10k points shipped, against one XADD per point, counted by the SDK's stats and
 *       by `INFO commandstats` of a real redis-server started by the test harness;
 *   (c) ship rate: points/s recorded as fast as a service can (slices of 1000 between turns of the event loop)
 *       and shipped (record + encode + XADD) to that redis-server, with what overflowed the buffer, against the
 *       same loop recording into a monitor whose Redis is unreachable (recordMetric alone).
 * Run: pnpm --filter @squeezeflow/metrics-sdk bench
 */
import { availableParallelism, loadavg } from 'node:os'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { encodeColumnarBatch, INGEST_FIELD_V2 } from '@squeezeflow/core'
import { createLogger } from '@squeezeflow/service-kit/logger'
import { type RedisServer, startRedis } from '@squeezeflow/test-harness'
import { createClient } from 'redis'
import { PerformanceMonitor } from '../src/index.js'

type Client = ReturnType<typeof createClient>
const STREAM = 'squeezeflow:ingest:metrics'
const logger = createLogger({ service: 'bench', level: 'ERROR', json: true })
const TAGS = [{ symbol: 'BTC' }, { symbol: 'ETH' }, { symbol: 'SOL' }, { symbol: 'XRP' }]
const RECORDS = 2_000_000
const ROUNDS = 5
const SHIPPED = 10_000

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

/**
 * Points per second of each runner, median of ROUNDS after one warm-up round. Rounds alternate between the
 * runners, so load from elsewhere on the machine weighs on all of them alike.
 */
function throughputs(runners: ReadonlyArray<(count: number) => void>): number[] {
  for (const run of runners) run(RECORDS)
  const rates = runners.map((): number[] => [])
  for (let round = 0; round < ROUNDS; round++) {
    runners.forEach((run, i) => {
      const started = performance.now()
      run(RECORDS)
      rates[i]?.push(RECORDS / ((performance.now() - started) / 1000))
    })
  }
  return rates.map(median)
}

function monitor(redis: RedisServer, options: { batchSize?: number; bufferCapacity?: number }) {
  const redisAddress = { host: redis.host, port: redis.port }
  return new PerformanceMonitor({
    service: 'bench',
    redis: redisAddress,
    flushIntervalMs: 0,
    logger,
    ...options,
  })
}

function benchRecording(redis: RedisServer): void {
  // Nothing ships while a round runs: it is synchronous, and flushes only start once it yields.
  const perf = monitor(redis, { batchSize: 100_000, bufferCapacity: 100_000 })
  // Baseline: the same objects pushed into an array kept at the SDK buffer's size.
  let array: unknown[] = []
  const [sdk = 0, baseline = 0, timers = 0] = throughputs([
    (count) => {
      for (let i = 0; i < count; i++) {
        perf.recordMetric({ metricName: 'signals_generated', value: i, unit: 'count', tags: TAGS[i & 3] })
      }
    },
    (count) => {
      for (let i = 0; i < count; i++) {
        array.push({ metricName: 'signals_generated', value: i, unit: 'count', tags: TAGS[i & 3] })
        if (array.length === 100_000) array = []
      }
    },
    (count) => {
      for (let i = 0; i < count; i++) perf.startTimer('signal_generation').stop()
    },
  ])
  const { rejected, dropped } = perf.stats()
  void perf.close()
  console.log('(a) recordMetric throughput, in-process (median of 5 rounds of 2M, 4 tag sets)')
  console.log(`    SDK recordMetric            ${fmt(sdk).padStart(12)} points/s   (target ≥ 1,000,000)`)
  console.log(`    baseline array.push         ${fmt(baseline).padStart(12)} points/s`)
  console.log(`    ratio SDK / baseline        ${(sdk / baseline).toFixed(2).padStart(12)}`)
  console.log(`    startTimer().stop()         ${fmt(timers).padStart(12)} timings/s`)
  console.log(`    rejected: ${rejected}; overwritten in the full 100k ring, as designed: ${fmt(dropped)}`)
}

async function commandCalls(client: Client): Promise<{ xadd: number; exec: number; total: number }> {
  const info = await client.info('commandstats')
  const calls = [...info.matchAll(/cmdstat_(\w+):calls=(\d+)/g)]
    .filter(([, name]) => name !== 'info' && name !== 'config' && name !== 'del')
    .map(([, name, count]) => [name, Number(count)] as const)
  const of = (name: string) => calls.find(([n]) => n === name)?.[1] ?? 0
  return { xadd: of('xadd'), exec: of('exec'), total: calls.reduce((sum, [, n]) => sum + n, 0) }
}

async function reset(client: Client): Promise<void> {
  await client.del(STREAM)
  await client.configResetStat()
}

async function shipWithSdk(redis: RedisServer, client: Client, streamed: boolean) {
  const perf = monitor(redis, { batchSize: 1000 })
  await perf.flush()
  await reset(client)
  const started = performance.now()
  for (let i = 0; i < SHIPPED; i++) {
    perf.recordMetric({ metricName: 'signals_generated', value: i, unit: 'count', tags: TAGS[i & 3] })
    // Streamed: the service yields every 100 points, as a real one does, so size-triggered flushes run.
    if (streamed && i % 100 === 99) await yieldToLoop()
  }
  await perf.flush()
  const ms = performance.now() - started
  const stats = perf.stats()
  await perf.close()
  return { ms, roundTrips: stats.roundTrips, shipped: stats.shipped, calls: await commandCalls(client) }
}

async function shipNaively(client: Client) {
  await reset(client)
  const started = performance.now()
  for (let i = 0; i < SHIPPED; i++) {
    const entry = encodeColumnarBatch('bench', {
      length: 1,
      names: ['signals_generated'],
      units: ['count'],
      tags: [TAGS[i & 3] ?? {}],
      values: [i],
      timestamps: [Date.now()],
    })
    await client.xAdd(STREAM, '*', { [INGEST_FIELD_V2]: entry })
  }
  const ms = performance.now() - started
  return { ms, roundTrips: SHIPPED, shipped: SHIPPED, calls: await commandCalls(client) }
}

async function benchShipping(redis: RedisServer): Promise<void> {
  const client: Client = createClient({ socket: { host: redis.host, port: redis.port } })
  await client.connect()
  try {
    const rows = [
      ['SDK, 10k recorded in one burst', await shipWithSdk(redis, client, false)],
      ['SDK, 10k recorded in steps of 100', await shipWithSdk(redis, client, true)],
      ['naive, one XADD per point', await shipNaively(client)],
    ] as const
    console.log(`(b) Redis round trips per ${fmt(SHIPPED)} points shipped (real redis-server, loopback)`)
    console.log(
      '    case                                round trips   XADD calls   EXEC   all calls      time',
    )
    for (const [name, r] of rows) {
      const cols = [
        fmt(r.roundTrips).padStart(11),
        fmt(r.calls.xadd).padStart(12),
        fmt(r.calls.exec).padStart(6),
      ]
      console.log(
        `    ${name.padEnd(35)} ${cols.join(' ')} ${fmt(r.calls.total).padStart(11)} ${r.ms.toFixed(0).padStart(6)} ms`,
      )
    }
    const [sdkBurst, sdkStreamed, naive] = rows.map(([, r]) => r.roundTrips)
    console.log(
      `    naive / SDK round trips: ${fmt((naive ?? 0) / (sdkBurst ?? 1))}× (burst), ${fmt((naive ?? 0) / (sdkStreamed ?? 1))}× (steps)`,
    )
  } finally {
    client.destroy()
  }
}

const SHIP_POINTS = 3_000_000
const SHIP_SLICE = 1000
const SHIP_ROUNDS = 3

/** Records SHIP_POINTS across 50 metrics and 4 tag sets, yielding between slices; then waits for the last flush. */
async function recordFlat(
  perf: PerformanceMonitor,
): Promise<{ seconds: number; shipped: number; dropped: number }> {
  const names = Array.from({ length: 50 }, (_, i) => `ship_metric_${i}_ms`)
  const before = perf.stats()
  const started = performance.now()
  for (let i = 0; i < SHIP_POINTS; ) {
    for (const end = i + SHIP_SLICE; i < end; i++) {
      perf.recordMetric({
        metricName: names[i % 50] as string,
        value: (i % 9973) / 7,
        unit: 'ms',
        tags: TAGS[i & 3],
      })
    }
    await yieldToLoop()
  }
  await perf.flush()
  const after = perf.stats()
  return {
    seconds: (performance.now() - started) / 1000,
    shipped: after.shipped - before.shipped,
    dropped: after.dropped - before.dropped,
  }
}

async function benchShipRate(redis: RedisServer): Promise<void> {
  const client: Client = createClient({ socket: { host: redis.host, port: redis.port } })
  await client.connect()
  // Nothing listens on port 1: every flush finds Redis away at once, so this loop pays for recording alone.
  const unreachable = new PerformanceMonitor({
    service: 'bench',
    redis: { host: '127.0.0.1', port: 1 },
    logger,
  })
  const shipping = monitor(redis, {})
  await shipping.flush()
  const rates: number[] = []
  const recordOnly: number[] = []
  let dropped = 0
  try {
    for (let round = 0; round <= SHIP_ROUNDS; round++) {
      await client.del(STREAM)
      const shipped = await recordFlat(shipping)
      const baseline = await recordFlat(unreachable)
      // Round 0 warms the JIT and the connection.
      if (round === 0) continue
      rates.push(shipped.shipped / shipped.seconds)
      recordOnly.push(SHIP_POINTS / baseline.seconds)
      dropped += shipped.dropped
    }
  } finally {
    await shipping.close()
    await unreachable.close()
    client.destroy()
  }
  const rate = median(rates)
  const baseline = median(recordOnly)
  console.log(
    `(c) ship rate: ${fmt(SHIP_POINTS)} points over 50 metrics recorded as fast as possible, ${SHIP_SLICE} per event-loop turn (median of ${SHIP_ROUNDS})`,
  )
  console.log(`    shipped to Redis            ${fmt(rate).padStart(12)} points/s   (target ≥ 1,000,000)`)
  console.log(`    baseline recordMetric only  ${fmt(baseline).padStart(12)} points/s   (Redis unreachable)`)
  console.log(`    ratio shipped / baseline    ${(rate / baseline).toFixed(2).padStart(12)}`)
  console.log(`    dropped (buffer overflow, counted) in ${SHIP_ROUNDS} rounds: ${fmt(dropped)}`)
}

const redis = await startRedis()
try {
  const load = loadavg()[0]?.toFixed(1)
  console.log(
    `metrics-sdk bench — node ${process.version}, ${availableParallelism()} cores, load average ${load}`,
  )
  if (process.env.BENCH_SDK_ONLY !== 'ship') {
    benchRecording(redis)
    await benchShipping(redis)
  }
  await benchShipRate(redis)
} finally {
  await redis.stop()
}
