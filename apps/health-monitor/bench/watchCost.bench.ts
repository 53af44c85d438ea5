/**
 * What the watch figures add to one check cycle, in round trips and ms, each against a same-run baseline of
 * one plain round trip to the same server (Redis PING, InfluxDB /ping, one docker inspect), measured in
 * turns (baseline, figure, baseline, …) against real redis-server, influxd and dockerd from the harness.
 * Round trips are counted by the servers themselves (Redis INFO commandstats, InfluxDB httpd `queryReq`);
 * times are medians, wall time and this process's CPU time.
 * BENCH_ROUNDS (default 15). Run: node --import tsx --conditions=source bench/watchCost.bench.ts
 */
import { BUSYBOX_IMAGE_TAG, startDockerd, startInflux, startRedis } from '@squeezeflow/test-harness'
import Docker from 'dockerode'
import { createClient } from 'redis'
import { parseRedisInfo } from '../src/adapters/parseRedisInfo.js'
import { createContainerStats } from '../src/adapters/watch/containerStats.js'
import { createInfluxStats } from '../src/adapters/watch/influxStats.js'
import { createRedisWatch } from '../src/adapters/watch/redisWatch.js'
import { deriveInfluxWriteFigures, influxWriteConditions } from '../src/watch/deriveInfluxWriteFigures.js'
import { deriveRedisFigures } from '../src/watch/deriveRedisFigures.js'
import { newestSignal } from '../src/watch/newestSignal.js'
import { queueConditions } from '../src/watch/queueDepths.js'
import { addCounterSample, signalsPerMinute } from '../src/watch/signalsPerMinute.js'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15)
const DB = 'significant_trades'

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

interface Cost {
  /** Wall time of one call. */
  ms: number
  /** CPU time this process spent on it (user + system): what the monitor itself pays. */
  cpuMs: number
}

async function timed(fn: () => Promise<unknown>): Promise<Cost> {
  const cpu = process.cpuUsage()
  const started = performance.now()
  await fn()
  const used = process.cpuUsage(cpu)
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 }
}

/** Medians of `figure` and of `baseline`, run in turns so both see the same machine. */
async function compare(figure: () => Promise<unknown>, baseline: () => Promise<unknown>, rounds = ROUNDS) {
  const f: Cost[] = []
  const b: Cost[] = []
  await figure()
  await baseline()
  for (let i = 0; i < rounds; i++) {
    b.push(await timed(baseline))
    f.push(await timed(figure))
  }
  return {
    figureMs: median(f.map((c) => c.ms)),
    figureCpuMs: median(f.map((c) => c.cpuMs)),
    baselineMs: median(b.map((c) => c.ms)),
  }
}

const rows: string[][] = [['figure', 'round trips', 'ms', 'cpu ms', 'baseline', 'baseline ms', 'ms ratio']]
function row(name: string, trips: string, r: Awaited<ReturnType<typeof compare>>, baseline: string) {
  const ratio = `${(r.figureMs / r.baselineMs).toFixed(1)} ×`
  rows.push([
    name,
    trips,
    r.figureMs.toFixed(2),
    r.figureCpuMs.toFixed(2),
    baseline,
    r.baselineMs.toFixed(2),
    ratio,
  ])
}

const [redisServer, influx, daemon] = await Promise.all([startRedis(), startInflux(), startDockerd()])
const redis = createClient({ url: redisServer.url })
try {
  await redis.connect()
  const clock = Date.now

  // Redis: a counter, three queues, 200 signal keys among 5 000 others, SIGNAL_SCAN_LIMIT 1000 (the default).
  await redis.rPush(
    'squeezeflow:signals:queue',
    Array.from({ length: 50 }, (_, i) => String(i)),
  )
  for (let i = 0; i < 20; i++) await redis.xAdd('squeezeflow:ingest:metrics', '*', { n: String(i) })
  await redis.xGroupCreate('squeezeflow:ingest:metrics', 'perf', '0')
  await redis.zAdd('squeezeflow:alerts:history', { score: 1, value: 'a' })
  await redis.mSet(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`other:${i}`, '1'])))
  for (let i = 0; i < 200; i++) {
    await redis.set(`squeezeflow:signal:s${i}`, JSON.stringify({ timestamp: Date.now() - i * 1000 }))
  }
  await redis.set('squeezeflow:stats:signals_published', '1000')
  const options = {
    counterKey: 'squeezeflow:stats:signals_published',
    queueKeys: ['squeezeflow:signals:queue', 'squeezeflow:ingest:metrics', 'squeezeflow:alerts:history'],
    signalPattern: 'squeezeflow:signal:*',
    scanLimit: 1000,
    clock,
  }
  const watch = createRedisWatch(redis, options)
  const calls = async (): Promise<Map<string, number>> => {
    const stats = parseRedisInfo(await redis.info('commandstats'))
    const counts = new Map<string, number>()
    for (const [name, value] of stats)
      counts.set(name.replace('cmdstat_', ''), Number(/calls=(\d+)/.exec(value)?.[1] ?? 0))
    return counts
  }
  /** The commands Redis ran for `fn`, by name: those sent and those its scripts ran. */
  const commandsOf = async (fn: () => Promise<unknown>) => {
    const before = await calls()
    await fn()
    const after = await calls()
    // The second `INFO commandstats` counts itself.
    return [...after]
      .map(([name, n]) => [name, n - (before.get(name) ?? 0) - (name === 'info' ? 1 : 0)] as const)
      .filter(([, n]) => n > 0)
  }
  const list = (sent: ReadonlyArray<readonly [string, number]>) =>
    sent.map(([name, n]) => `${n} ${name}`).join(' + ')
  /** Only these go over the wire from the scripted reads; every other command counted runs inside the script. */
  const TOP_LEVEL = new Set(['info', 'eval', 'evalsha'])
  /** Round trips of `fn` (one per command sent, each awaited before the next), and what its script ran. */
  const tripsOf = async (fn: () => Promise<unknown>) => {
    const sent = await commandsOf(fn)
    const inside = list(sent.filter(([name]) => !TOP_LEVEL.has(name)))
    const top = list(sent.filter(([name]) => TOP_LEVEL.has(name)))
    return inside === '' ? top : `${top} (inside: ${inside})`
  }
  const ping = () => redis.ping()
  row(
    'redis INFO figures',
    await tripsOf(() => watch.info()),
    await compare(() => watch.info(), ping),
    'PING',
  )
  // The first call loads the script (NOSCRIPT, then EVAL); every later one is a single EVALSHA.
  await watch.read()
  row(
    'redis cycle: counter, 3 queues, signal scan 1000',
    await tripsOf(() => watch.read()),
    await compare(() => watch.read(), ping),
    'PING',
  )
  // How long one call holds Redis when SIGNAL_SCAN_LIMIT covers the whole keyspace (5,204 keys).
  const whole = createRedisWatch(redis, { ...options, scanLimit: 1_000_000 })
  await whole.read()
  row(
    'redis cycle, signal scan of all 5,204 keys',
    await tripsOf(() => whole.read()),
    await compare(() => whole.read(), ping),
    'PING',
  )
  // A Redis whose ACL refuses scripts: the pipelined reads. Round trips: GET, the first SCAN page and the
  // TYPEs share the first; then the other SCAN pages, and OBJECT IDLETIME after the last.
  await redis.sendCommand(['ACL', 'SETUSER', 'watcher', 'on', '>pw', '~*', '+@all', '-@scripting'])
  const noScripts = createClient({ url: redisServer.url, username: 'watcher', password: 'pw' })
  await noScripts.connect()
  const pipelined = createRedisWatch(noScripts, options)
  await pipelined.read()
  const sent = await commandsOf(() => pipelined.read())
  const scans = sent.find(([name]) => name === 'scan')?.[1] ?? 0
  row(
    'redis cycle, no EVAL',
    `${Math.max(2, scans + 1)} (sent: ${list(sent)})`,
    await compare(() => pipelined.read(), ping),
    'PING',
  )
  await noScripts.close()

  // InfluxDB: SHOW STATS FOR httpd and write, one request.
  await influx.query(`CREATE DATABASE ${DB}`)
  const stats = createInfluxStats({
    host: influx.host,
    port: influx.port,
    database: DB,
    timeoutMs: 5000,
    clock,
  })
  const influxPing = async () => (await fetch(`${influx.url}/ping`)).body?.cancel()
  const queryRequests = async () => {
    const [httpd] = (await influx.query("SHOW STATS FOR 'httpd'")).results[0]?.series ?? []
    return Number(httpd?.values[0]?.[httpd.columns.indexOf('queryReq')] ?? Number.NaN)
  }
  const before = await queryRequests()
  await stats.read()
  // The second count is a query itself.
  const influxTrips = (await queryRequests()) - before - 1
  row(
    'influx write counters',
    `${influxTrips} query`,
    await compare(() => stats.read(), influxPing),
    'GET /ping',
  )

  // The pure part of a cycle, on this run's real samples: no round trip at all.
  const [r1, r2, i1, i2] = [await watch.info(), await watch.info(), await stats.read(), await stats.read()]
  const { queues: depths, signals } = await watch.read()
  const ring = Array.from({ length: 11 }, (_, i) => ({ atMs: i * 30_000, value: i * 50 }))
  const derive = async () => {
    deriveRedisFigures(r1, r2)
    if (i1.available && i2.available) {
      const figures = deriveInfluxWriteFigures(i1, i2)
      influxWriteConditions(figures, { errorPercent: 1, aggrServerRunning: true }, 0)
    }
    queueConditions(depths, { 'squeezeflow:signals:queue': 10 })
    newestSignal(signals.readings, signals, Date.now())
    signalsPerMinute(addCounterSample(ring, { atMs: 330_000, value: 560 }))
  }
  row('pure derivations (all of the above)', '0', await compare(derive, ping), 'PING')

  // Docker: three containers, stats + inspect each, in parallel.
  const docker = new Docker({ socketPath: daemon.socketPath })
  await daemon.importBusyboxImage()
  const containers: Docker.Container[] = []
  for (let i = 0; i < 3; i++) {
    const c = await docker.createContainer({ Image: BUSYBOX_IMAGE_TAG, HostConfig: { NetworkMode: 'none' } })
    await c.start()
    containers.push(c)
  }
  const refs = containers.map((c, i) => ({ service: `s${i}`, containerId: c.id }))
  const inspectOne = () => (containers[0] as Docker.Container).inspect()
  for (const oneShot of [true, false]) {
    const reader = createContainerStats({ endpoint: { socketPath: daemon.socketPath }, oneShot, clock })
    const name = `docker resources, 3 containers${oneShot ? ', one-shot' : ''}`
    const trips = '3 × (stats + inspect), parallel'
    row(name, trips, await compare(() => reader.read(refs), inspectOne, oneShot ? ROUNDS : 5), 'one inspect')
  }
} finally {
  await redis.close().catch(() => undefined)
  await Promise.all([redisServer.stop(), influx.stop(), daemon.stop()])
}

const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? []
for (const r of rows) console.log(r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '))
