/**
 * What each monitor costs at rest, against a bare node:http server idling beside it: CPU (from each process's
 * own /proc accounting, so other processes are not counted) over several consecutive windows, and RSS at the
 * end (the warm-up lets V8's memory-reducer collections of the first 40 s pass). Both monitors run from their
 * builds at default settings against a real redis-server; InfluxDB is absent, as on a machine where the trading
 * stack is down. On a virtual machine a process is also charged for waking an idle virtual CPU, which varies
 * from minute to minute, so each window is printed and the median is the figure (README "Benchmarks").
 *   BENCH_IDLE_WARMUP (s, default 60), BENCH_IDLE_SECONDS (one window, default 60), BENCH_IDLE_WINDOWS (default 3)
 * Run: pnpm bench:idle (after pnpm build)
 */
import { loadavg } from 'node:os'
import { getFreePort, startRedis } from '@squeezeflow/test-harness'
import { cpuSeconds, mb, ratio, rssBytes } from './lib/procStats.js'
import { type BenchProcess, spawnBareServer, spawnMonitor } from './lib/spawnService.js'

const WARMUP_SECONDS = Number(process.env.BENCH_IDLE_WARMUP ?? 60)
const WINDOW_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 60)
const WINDOWS = Number(process.env.BENCH_IDLE_WINDOWS ?? 3)
const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000))
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

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
  /** CPU % of one core of each process, one array per window. */
  const windows: number[][] = []
  for (let w = 0; w < WINDOWS; w++) {
    const before = processes.map((p) => cpuSeconds(p.pid))
    await sleep(WINDOW_SECONDS)
    windows.push(processes.map((p, i) => ((cpuSeconds(p.pid) - (before[i] ?? 0)) / WINDOW_SECONDS) * 100))
  }
  const rows = processes.map((p, i) => {
    const perWindow = windows.map((cpu) => cpu[i] ?? 0)
    return { name: p.name, perWindow, cpuPercent: median(perWindow), rss: rssBytes(p.pid) }
  })
  const [bare] = rows
  // The machine's load says how noisy the run was; each process's own CPU time is what is compared.
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
  console.log(
    `idle: ${WINDOWS} windows of ${WINDOW_SECONDS} s after ${WARMUP_SECONDS} s of warm-up ` +
      `(CPU in % of one core, median of the windows; load ${load})`,
  )
  // A bare server idles at ~0 % CPU, so CPU is compared as a difference; memory as a ratio.
  console.log('process              cpu %   over bare (pp)   rss MB   rss vs bare   each window')
  for (const row of rows) {
    const over = row.cpuPercent - (bare?.cpuPercent ?? 0)
    console.log(
      `${row.name.padEnd(20)} ${row.cpuPercent.toFixed(2).padStart(5)}   ${over.toFixed(2).padStart(14)}` +
        `   ${mb(row.rss).padStart(6)}   ${ratio(row.rss, bare?.rss ?? 0).padStart(11)}` +
        `   ${row.perWindow.map((cpu) => cpu.toFixed(2)).join(' / ')}`,
    )
  }
} finally {
  for (const p of processes) await p.stop()
  await redis.stop()
}
