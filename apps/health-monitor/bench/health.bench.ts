/**
 * /health, /health/detailed and /metrics of the real health-monitor (its own process, real redis-server and influxd) against a bare
 * node:http server returning the same body, loaded in turn (bare, monitor, monitor, bare, …) by autocannon in
 * this process; each server runs in its own process. BENCH_ROUNDS, BENCH_DURATION (s), BENCH_CONNECTIONS.
 * Run: pnpm --filter @squeezeflow/health-monitor bench
 */
import { type ChildProcess, fork } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { getFreePort, startInflux, startRedis, waitFor } from '@squeezeflow/test-harness'
import autocannon from 'autocannon'

const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 3)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const TSX = ['--import', 'tsx', '--conditions=source']

function spawnNode(script: string, env: Record<string, string>): ChildProcess {
  const path = fileURLToPath(new URL(script, import.meta.url))
  return fork(path, [], {
    execArgv: TSX,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
}

type Result = { rps: number; p99: number; errors: number }

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

/** Median throughput and p99, and all errors, of several runs. */
function combine(results: Result[]): Result {
  return {
    rps: median(results.map((r) => r.rps)),
    p99: median(results.map((r) => r.p99)),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
  }
}

async function load(url: string): Promise<Result> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_SECONDS })
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.timeouts }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  child.kill('SIGTERM')
  await once(child, 'exit')
}

const [redis, influx] = await Promise.all([startRedis(), startInflux()])
const children: ChildProcess[] = []
try {
  await influx.query('CREATE DATABASE significant_trades')
  await influx.query('CREATE RETENTION POLICY aggr_1s ON significant_trades DURATION INF REPLICATION 1')
  const appPort = await getFreePort()
  const app = spawnNode('../src/main.ts', {
    REDIS_HOST: redis.host,
    REDIS_PORT: String(redis.port),
    INFLUX_HOST: influx.host,
    INFLUX_PORT: String(influx.port),
    HEALTH_MONITOR_PORT: String(appPort),
    LOG_LEVEL: 'ERROR',
  })
  children.push(app)
  await waitFor(async () => (await fetch(`http://127.0.0.1:${appPort}/readyz`)).ok, {
    timeoutMs: 30_000,
    description: 'health-monitor ready',
  })

  /** One path of the monitor against a bare server answering that path's body, in alternating rounds. */
  const compare = async (path: string, target: number) => {
    const appUrl = `http://127.0.0.1:${appPort}${path}`
    const response = await fetch(appUrl)
    const body = await response.text()
    const barePort = await getFreePort()
    const bare = spawnNode('./bareServer.ts', {
      BENCH_PORT: String(barePort),
      BENCH_BODY: body,
      BENCH_STATUS: String(response.status),
    })
    children.push(bare)
    await once(bare, 'message')
    const bareUrl = `http://127.0.0.1:${barePort}${path}`
    // Warm both up (JIT, connection setup) before measuring.
    await Promise.all([autocannon({ url: appUrl, duration: 2 }), autocannon({ url: bareUrl, duration: 2 })])
    // Alternating order (bare, monitor, monitor, bare, …) and medians, so drift in the machine's load
    // (other work, thermal) does not favour either side.
    const runs = { bare: [] as Result[], monitor: [] as Result[] }
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (['bare', 'monitor'] as const) : (['monitor', 'bare'] as const)
      for (const side of order) runs[side].push(await load(side === 'bare' ? bareUrl : appUrl))
    }
    await stopChild(bare)
    const baseline = combine(runs.bare)
    const monitor = combine(runs.monitor)
    const ratio = monitor.rps / baseline.rps
    const p99Ratio = monitor.p99 / Math.max(1, baseline.p99)
    console.log(`\n${path}: body ${body.length} bytes, HTTP ${response.status}`)
    console.table({
      'bare node:http': {
        'req/s': Math.round(baseline.rps),
        'p99 ms': baseline.p99,
        errors: baseline.errors,
      },
      'health-monitor': { 'req/s': Math.round(monitor.rps), 'p99 ms': monitor.p99, errors: monitor.errors },
    })
    console.log(
      `ratio health-monitor / bare: ${ratio.toFixed(2)} (target >= ${target}) ${ratio >= target ? 'OK' : 'BELOW TARGET'}; ` +
        `p99 ratio ${p99Ratio.toFixed(2)} (target <= 1.5) ${p99Ratio <= 1.5 ? 'OK' : 'ABOVE TARGET'}`,
    )
  }

  console.log(
    `health-monitor HTTP benchmark: ${CONNECTIONS} connections, ${ROUNDS} runs of ${DURATION_SECONDS} s per server in alternating order, medians`,
  )
  await compare('/health', 0.8)
  await compare('/health/detailed', 0.3)
  await compare('/metrics', 0.3)
  // Printed, never enforced: on a shared two-core machine a ratio says more than an exit code would.
} finally {
  for (const child of children) await stopChild(child)
  await Promise.all([redis.stop(), influx.stop()])
}
