/**
 * What each monitor costs at rest, against a bare node:http server idling beside it: CPU (from each process's
 * own /proc accounting, so the machine's noise is not counted) over a fixed window, and RSS at its end (two
 * minutes after start by default: the warm-up lets V8's memory-reducer collections of the first 40 s pass). Both
 * monitors run from their builds at default settings against a real redis-server; InfluxDB is absent, as on
 * a machine where the trading stack is down.
 *   BENCH_IDLE_WARMUP (s, default 60), BENCH_IDLE_SECONDS (window, default 60)
 * Run: pnpm bench:idle (after pnpm build)
 */
import { loadavg } from 'node:os'
import { getFreePort, startRedis } from '@squeezeflow/test-harness'
import { cpuSeconds, mb, ratio, rssBytes } from './lib/procStats.js'
import { type BenchProcess, spawnBareServer, spawnMonitor } from './lib/spawnService.js'

const WARMUP_SECONDS = Number(process.env.BENCH_IDLE_WARMUP ?? 60)
const WINDOW_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 60)
const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000))

const redis = await startRedis()
const env = {
  REDIS_HOST: '127.0.0.1',
  REDIS_PORT: String(redis.port),
  INFLUX_HOST: '127.0.0.1',
  INFLUX_PORT: '9',
}
const processes: BenchProcess[] = []
try {
  processes.push(await spawnBareServer(await getFreePort()))
  processes.push(await spawnMonitor('health-monitor', await getFreePort(), env))
  processes.push(await spawnMonitor('performance-monitor', await getFreePort(), env))
  await sleep(WARMUP_SECONDS)
  const before = processes.map((p) => cpuSeconds(p.pid))
  await sleep(WINDOW_SECONDS)
  const rows = processes.map((p, i) => ({
    name: p.name,
    cpuPercent: ((cpuSeconds(p.pid) - (before[i] ?? 0)) / WINDOW_SECONDS) * 100,
    rss: rssBytes(p.pid),
  }))
  const [bare] = rows
  // The machine's load says how noisy the run was; each process's own CPU time is what is compared.
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
  console.log(
    `idle over ${WINDOW_SECONDS} s after ${WARMUP_SECONDS} s of warm-up (CPU in % of one core; load ${load})`,
  )
  // A bare server idles at ~0 % CPU, so CPU is compared as a difference; memory as a ratio.
  console.log('process              cpu %   over bare (pp)   rss MB   rss vs bare')
  for (const row of rows) {
    const over = row.cpuPercent - (bare?.cpuPercent ?? 0)
    console.log(
      `${row.name.padEnd(20)} ${row.cpuPercent.toFixed(2).padStart(5)}   ${over.toFixed(2).padStart(14)}` +
        `   ${mb(row.rss).padStart(6)}   ${ratio(row.rss, bare?.rss ?? 0).padStart(11)}`,
    )
  }
} finally {
  for (const p of processes) await p.stop()
  await redis.stop()
}
