/**
 * Soak: both monitors (their builds, default settings, real redis-server and influxd) under a steady load for a
 * fixed time: BENCH_SOAK_HTTP_RATE requests/s on `/health` of each, plus a slow mix of their heavier pages
 * (`/health/detailed`, `/metrics`, the status page; `/dashboard`, `/metrics`, a chart), while a separate
 * process records BENCH_SOAK_POINTS points/s over BENCH_SOAK_METRICS metrics through @squeezeflow/metrics-sdk.
 * A bare node:http server takes the same `/health` rate beside them, as the baseline. Prints each process's RSS
 * at start, middle and end (ratio against the bare server), its growth, and its CPU over the run, and what the
 * monitoring keys hold in Redis at the end (MEMORY USAGE of `squeezeflow:*`) against the growth of Redis's
 * used_memory. Targets (README "Benchmarks"): ≤ 120 MB RSS each with no growth, ≤ 100 MB Redis.
 *   BENCH_SOAK_SECONDS (default 600), BENCH_SOAK_HTTP_RATE (default 200), BENCH_SOAK_MIX_RATE (default 10),
 *   BENCH_SOAK_POINTS (default 10000), BENCH_SOAK_METRICS (default 200)
 * Run: pnpm bench:soak (after pnpm build)
 */
import { getFreePort, startInflux, startRedis } from '@squeezeflow/test-harness'
import autocannon from 'autocannon'
import { measureRedisKeys } from './lib/measureRedisKeys.js'
import { cpuSeconds, mb, ratio, rssBytes } from './lib/procStats.js'
import { runProducer } from './lib/runProducer.js'
import { type BenchProcess, spawnBareServer, spawnMonitor } from './lib/spawnService.js'

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const SECONDS = env('BENCH_SOAK_SECONDS', 600)
const HTTP_RATE = env('BENCH_SOAK_HTTP_RATE', 200)
const MIX_RATE = env('BENCH_SOAK_MIX_RATE', 10)
const POINTS = env('BENCH_SOAK_POINTS', 10_000)
const METRICS = env('BENCH_SOAK_METRICS', 200)
const PREFIX = 'squeezeflow'
/**
 * RSS growth as the rise of its peak from the third quarter to the last, both after the warm-up in which the
 * rings fill. V8's heap swings by several MB between collections, so two single samples (middle and end) can
 * differ by that much either way; a leak shows as peaks that keep rising.
 */
const growth = (quarterPeaks: number[]) => mb((quarterPeaks[3] ?? 0) - (quarterPeaks[2] ?? 0))
const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000))

/** The heavier pages each process is also asked for, in turn, at MIX_RATE. */
const MIX: Record<string, string[]> = {
  'bare node:http': [],
  'health-monitor': ['/health/detailed', '/metrics', '/'],
  'performance-monitor': ['/dashboard', '/metrics', '/charts/process_cpu_percent.svg'],
}

function load(target: BenchProcess, path: string, paths: string[]) {
  const run = (rate: number, requests: Array<{ path: string }>) =>
    autocannon({ url: target.url, connections: 4, overallRate: rate, duration: SECONDS, requests })
  return Promise.all([
    run(HTTP_RATE, [{ path }]),
    ...(paths.length > 0 && MIX_RATE > 0
      ? [
          run(
            MIX_RATE,
            paths.map((p) => ({ path: p })),
          ),
        ]
      : []),
  ])
}

const redis = await startRedis()
const influx = await startInflux()
const serviceEnv = {
  REDIS_HOST: '127.0.0.1',
  REDIS_PORT: String(redis.port),
  INFLUX_HOST: '127.0.0.1',
  INFLUX_PORT: String(influx.port),
}
const processes: BenchProcess[] = []
try {
  processes.push(await spawnBareServer(await getFreePort()))
  processes.push(await spawnMonitor('health-monitor', await getFreePort(), serviceEnv))
  processes.push(await spawnMonitor('performance-monitor', await getFreePort(), serviceEnv))
  const redisBefore = await measureRedisKeys(redis.port, PREFIX)
  const cpuBefore = processes.map((p) => cpuSeconds(p.pid))
  const rss = processes.map((p) => ({
    start: rssBytes(p.pid),
    middle: 0,
    end: 0,
    max: 0,
    quarterPeaks: [0, 0, 0, 0],
  }))
  /** Takes each process's RSS into its maximum and into the peak of the run's `quarter` (0–3). */
  const sample = (quarter: number) => {
    processes.forEach((p, i) => {
      const row = rss[i]
      if (!row) return
      const bytes = rssBytes(p.pid)
      row.max = Math.max(row.max, bytes)
      row.quarterPeaks[quarter] = Math.max(row.quarterPeaks[quarter] ?? 0, bytes)
    })
  }

  const http = processes.map((p) => load(p, p.name === 'bare node:http' ? '/' : '/health', MIX[p.name] ?? []))
  const producer = runProducer({
    REDIS_PORT: String(redis.port),
    RATE: String(POINTS),
    SECONDS: String(SECONDS),
    METRICS: String(METRICS),
  })
  const started = performance.now()
  const elapsed = () => (performance.now() - started) / 1000
  let middleTaken = false
  while (elapsed() < SECONDS) {
    await sleep(Math.min(5, Math.max(0.1, SECONDS - elapsed())))
    sample(Math.min(3, Math.floor((elapsed() / SECONDS) * 4)))
    if (!middleTaken && elapsed() >= SECONDS / 2) {
      processes.forEach((p, i) => {
        const row = rss[i]
        if (row) row.middle = rssBytes(p.pid)
      })
      middleTaken = true
    }
  }
  const [results, produced] = await Promise.all([Promise.all(http), producer])
  processes.forEach((p, i) => {
    const row = rss[i]
    if (row) row.end = rssBytes(p.pid)
  })
  const cpu = processes.map((p, i) => ((cpuSeconds(p.pid) - (cpuBefore[i] ?? 0)) / SECONDS) * 100)
  const redisAfter = await measureRedisKeys(redis.port, PREFIX)
  const monitor = processes.find((p) => p.name === 'performance-monitor')
  const scraped = monitor ? await (await fetch(`${monitor.url}/metrics`)).text() : ''
  const ingested = /^squeezeflow_perf_ingested_points_total (\S+)$/m.exec(scraped)?.[1] ?? 'n/a'

  const last = produced.at(-1)
  console.log(
    `soak over ${SECONDS} s: ${HTTP_RATE} req/s on /health of each process plus ${MIX_RATE} req/s of heavier ` +
      `pages, ${POINTS} points/s over ${METRICS} metrics (recorded ${last?.recorded ?? 'n/a'}, SDK dropped ` +
      `${last?.dropped ?? 'n/a'}; performance-monitor had ingested ${ingested} at the end)`,
  )
  // health-monitor answers /health with 503 while what it watches (aggr-server, ...) is absent: non-2xx is
  // reported apart from errors (refused, reset, timed out), which are failures of the process itself.
  console.log(
    'process              req/s   p99 ms   non-2xx   errors   cpu %   rss MB start / middle / end / max' +
      '   peak 3rd → 4th quarter   end vs bare',
  )
  const bareEnd = rss[0]?.end ?? 0
  processes.forEach((p, i) => {
    const row = rss[i]
    const [health, ...mix] = results[i] ?? []
    if (!row || !health) return
    const all = [health, ...mix]
    const sum = (pick: (r: autocannon.Result) => number) => all.reduce((total, r) => total + pick(r), 0)
    console.log(
      `${p.name.padEnd(20)} ${(sum((r) => r.requests.total) / SECONDS).toFixed(0).padStart(5)}` +
        `   ${String(health.latency.p99).padStart(6)}   ${String(sum((r) => r.non2xx)).padStart(7)}` +
        `   ${String(sum((r) => r.errors + r.timeouts)).padStart(6)}   ${(cpu[i] ?? 0).toFixed(1).padStart(5)}` +
        `   ${[row.start, row.middle, row.end, row.max].map((b) => mb(b).padStart(6)).join(' /')}` +
        `   ${`${growth(row.quarterPeaks)} MB`.padStart(22)}   ${ratio(row.end, bareEnd).padStart(11)}`,
    )
  })
  console.log(
    `redis: monitoring keys (${PREFIX}:*) ${mb(redisAfter.keyBytes)} MB in ${redisAfter.keys} keys ` +
      `(largest ${redisAfter.largest.map((k) => `${k.key} ${mb(k.bytes)} MB`).join(', ')}); used_memory ` +
      `${mb(redisBefore.usedMemory)} → ${mb(redisAfter.usedMemory)} MB (+${mb(redisAfter.usedMemory - redisBefore.usedMemory)} MB)`,
  )
} finally {
  for (const p of processes) await p.stop()
  await influx.stop()
  await redis.stop()
}
