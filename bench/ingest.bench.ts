/**
 * End-to-end ingest: SDK calls in another process, through a real redis-server, into performance-monitor's
 * aggregates and metric lists, at several offered rates. Measured at steady state: every metric's ring
 * buffer (MAX_METRICS_DATA_POINTS) is filled before measuring. For each rate it prints points ingested per
 * second (from performance-monitor's own `ingested_points_total`), how far behind it fell (the stream's
 * backlog at its largest), what the SDK dropped, and performance-monitor's CPU over the run (share of one core,
 * from its own /proc accounting, and per point). The baseline is the offered rate itself.
 *   BENCH_INGEST_RATES (default 50000,100000,200000,400000,800000), BENCH_INGEST_SECONDS (default 5),
 *   BENCH_INGEST_METRICS (default 50)
 * Run: pnpm bench:ingest (after pnpm build)
 */
import { getFreePort, startRedis } from '@squeezeflow/test-harness'
import { cpuSeconds } from './lib/procStats.js'
import { type ProducerLine, runProducer } from './lib/runProducer.js'
import { spawnMonitor } from './lib/spawnService.js'

const RATES = (process.env.BENCH_INGEST_RATES ?? '50000,100000,200000,400000,800000').split(',').map(Number)
const SECONDS = Number(process.env.BENCH_INGEST_SECONDS ?? 5)
const METRICS = Number(process.env.BENCH_INGEST_METRICS ?? 50)
const DATA_POINTS = 10_000

async function scrape(url: string): Promise<{ points: number; backlog: number }> {
  const text = await (await fetch(`${url}/metrics`)).text()
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0)
  return {
    points: value('squeezeflow_perf_ingested_points_total'),
    backlog: value('squeezeflow_perf_ingest_backlog_entries'),
  }
}

const redis = await startRedis()
const monitor = await spawnMonitor('performance-monitor', await getFreePort(), {
  REDIS_HOST: '127.0.0.1',
  REDIS_PORT: String(redis.port),
  MAX_METRICS_DATA_POINTS: String(DATA_POINTS),
})
try {
  const base = { REDIS_PORT: String(redis.port), METRICS: String(METRICS) }
  // Fill every metric's ring buffer once; later runs find it full, as in steady state.
  await runProducer({ ...base, RATE: '0', SECONDS: '0', WARM: String(METRICS * DATA_POINTS) })
  let seen = (await scrape(monitor.url)).points
  while ((await scrape(monitor.url)).points < METRICS * DATA_POINTS)
    await new Promise((r) => setTimeout(r, 200))
  seen = (await scrape(monitor.url)).points
  console.log(`end-to-end ingest, ${METRICS} metrics, windows full, ${SECONDS} s per rate`)
  console.log(
    'offered/s   ingested/s   vs offered   seconds to ingest   max backlog entries   sdk dropped   monitor CPU   CPU µs/point',
  )
  for (const rate of RATES) {
    const started = performance.now()
    const cpuBefore = cpuSeconds(monitor.pid)
    // From the first point ingested, so the producer's own start-up is not counted.
    let firstIngestAt: number | undefined
    let maxBacklog = 0
    const producer = runProducer({ ...base, RATE: String(rate), SECONDS: String(SECONDS) })
    let finished: ProducerLine[] | undefined
    void producer.then((lines) => {
      finished = lines
    })
    let now = await scrape(monitor.url)
    while (
      finished === undefined ||
      now.points - seen < (finished.at(-1)?.recorded ?? 0) - (finished.at(-1)?.dropped ?? 0)
    ) {
      await new Promise((r) => setTimeout(r, 100))
      now = await scrape(monitor.url)
      if (firstIngestAt === undefined && now.points > seen) firstIngestAt = performance.now()
      maxBacklog = Math.max(maxBacklog, now.backlog)
      if (performance.now() - started > (SECONDS + 120) * 1000) break
    }
    const cpu = cpuSeconds(monitor.pid) - cpuBefore
    const elapsed = (performance.now() - (firstIngestAt ?? started)) / 1000
    const ingested = now.points - seen
    seen = now.points
    const last = finished?.at(-1)
    console.log(
      `${String(rate).padStart(9)}   ${Math.round(ingested / elapsed)
        .toString()
        .padStart(10)}` +
        `   ${(ingested / elapsed / rate).toFixed(2).padStart(10)}   ${elapsed.toFixed(1).padStart(16)}` +
        `   ${String(maxBacklog).padStart(19)}   ${String(last?.dropped ?? 'n/a').padStart(11)}` +
        `   ${`${((cpu / elapsed) * 100).toFixed(0)} %`.padStart(11)}   ${((cpu * 1e6) / Math.max(1, ingested)).toFixed(2).padStart(12)}`,
    )
  }
} finally {
  await monitor.stop()
  await redis.stop()
}
