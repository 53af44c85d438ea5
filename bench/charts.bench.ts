/**
 * Chart requests against performance-monitor (its build, real redis-server): cold, every request a chart not
 * rendered yet this cycle (a new size each time), against cached, the same chart asked again, as many viewers
 * of one dashboard do. Prints requests per second and CPU per request of the monitor process (its own /proc
 * accounting), and the ratio cached / cold.
 *   BENCH_CHART_SECONDS (default 10), BENCH_CHART_CONNECTIONS (default 10)
 * Run: pnpm bench:charts (after pnpm build)
 */
import { getFreePort, startRedis, waitFor } from '@squeezeflow/test-harness'
import autocannon from 'autocannon'
import { cpuSeconds } from './lib/procStats.js'
import { spawnMonitor } from './lib/spawnService.js'

const SECONDS = Number(process.env.BENCH_CHART_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CHART_CONNECTIONS ?? 10)

const redis = await startRedis()
// One long cycle: everything below happens within the same one, so "cached" stays cached.
const monitor = await spawnMonitor('performance-monitor', await getFreePort(), {
  REDIS_HOST: '127.0.0.1',
  REDIS_PORT: String(redis.port),
  COLLECTION_INTERVAL_SECONDS: '3600',
})
try {
  // The chart is 404 until the first collection cycle has recorded the metric: measuring earlier counted those.
  await waitFor(async () => (await fetch(`${monitor.url}/charts/process_cpu_percent.svg`)).ok, {
    timeoutMs: 30_000,
  })
  let width = 200
  const run = async (label: string, path: () => string) => {
    const before = cpuSeconds(monitor.pid)
    const result = await autocannon({
      url: monitor.url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [{ setupRequest: (request) => ({ ...request, path: path() }) }],
    })
    const requests = result.requests.total
    const cpuMs = ((cpuSeconds(monitor.pid) - before) * 1000) / Math.max(1, requests)
    console.log(
      `${label.padEnd(8)} ${Math.round(requests / SECONDS)
        .toString()
        .padStart(8)} req/s   ` +
        `${cpuMs.toFixed(2).padStart(7)} ms CPU/request   p99 ${result.latency.p99} ms   non-2xx ${result.non2xx}`,
    )
    return requests / SECONDS
  }
  console.log(`charts: ${CONNECTIONS} connections, ${SECONDS} s each`)
  const cold = await run(
    'cold',
    () => `/charts/process_cpu_percent.svg?width=${(width++ % 1800) + 200}&height=300`,
  )
  const cached = await run('cached', () => '/charts/process_cpu_percent.svg?width=800&height=300')
  console.log(`cached / cold: ${(cached / cold).toFixed(1)}×`)
} finally {
  await monitor.stop()
  await redis.stop()
}
