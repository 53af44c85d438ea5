/**
 * The status page's costs, each beside a same-run baseline: rendering `/` against serialising the
 * `/health/detailed`-like JSON of the same cycle; CPU and memory of a cycle with 100 `/events` clients against
 * none (the page in its own process); and the page weight (HTML + script + styles, gzipped) against its budget.
 * BENCH_RENDERS, BENCH_CYCLES. Run: pnpm --filter @squeezeflow/health-monitor exec node --import tsx
 * --conditions=source bench/statusPage.bench.ts
 */
import { type ChildProcess, fork } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { createManualClock } from '@squeezeflow/core'
import { startRedis, waitFor } from '@squeezeflow/test-harness'
import { buildStatusView } from '../src/statusPage/buildStatusView.js'
import { createStatusHistory } from '../src/statusPage/createStatusHistory.js'
import { createStatusPage } from '../src/statusPage/createStatusPage.js'
import { createDashboardTracker } from '../src/statusPage/dashboardTracker.js'
import { pageTitle, renderPage, renderSections } from '../src/statusPage/renderPage.js'
import { loadStaticAssets } from '../src/statusPage/staticAssets.js'
import {
  createFakeMonitor,
  openEventStream,
  SERVICES,
} from '../test/integration/statusPage/statusPageFixtures.js'

const RENDERS = Number(process.env.BENCH_RENDERS ?? 300)
const CYCLES = Number(process.env.BENCH_CYCLES ?? 20)
const CLIENTS = 100

function timeMs(run: () => void, times: number): number {
  const start = performance.now()
  for (let i = 0; i < times; i++) run()
  return (performance.now() - start) / times
}

const redis = await startRedis()
let child: ChildProcess | undefined
try {
  // 1. Render cost, in this process: a page with full heartbeat bars for six services.
  const manual = createManualClock(Date.now())
  const monitor = createFakeMonitor({ redisPort: redis.port, clock: manual.clock })
  await monitor.ready()
  const page = createStatusPage(monitor.deps)
  await page.start()
  for (let i = 0; i < 60; i++) {
    manual.advance(30_000)
    await monitor.cycle({ redis: i % 9 === 0 ? 'degraded' : 'healthy' })
  }
  const detailed = () =>
    JSON.stringify({
      services: Object.fromEntries(
        SERVICES.map((name) => [name, monitor.deps.lastCycle()?.results.get(name)]),
      ),
      alerts: monitor.deps.activeAlerts(),
      recovery: monitor.deps.recoverySummary(),
    })
  const assets = loadStaticAssets()
  const statusHistory = createStatusHistory({ clock: manual.clock, intervalMs: 30_000 })
  const dashboard = createDashboardTracker({ staleAfterSeconds: 90 }).view(manual.clock())
  const renderHtml = () => {
    const view = buildStatusView({
      now: manual.clock(),
      cycle: monitor.deps.lastCycle(),
      serviceNames: SERVICES,
      history: monitor.deps.history,
      statusHistory,
      alerts: [],
      recovery: null,
      dashboard,
    })
    return renderPage(renderSections(view), pageTitle(view), assets.urls, 30)
  }
  timeMs(renderHtml, 50)
  timeMs(detailed, 50)
  const jsonMs = timeMs(detailed, RENDERS)
  const htmlMs = timeMs(renderHtml, RENDERS)
  const html = renderHtml()
  const gzipMs = timeMs(() => gzipSync(html), 50)
  await page.stop()
  await monitor.close()

  // 2. Page weight.
  let weight = gzipSync(html).length
  for (const asset of assets.byUrl.values()) if (!asset.url.endsWith('.svg')) weight += asset.gzipped.length

  // 3. A cycle's CPU and memory with no client, then with 100 (the page alone in its own process).
  child = fork(fileURLToPath(new URL('./statusPageServer.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx', '--conditions=source'],
    env: { ...process.env, BENCH_REDIS_PORT: String(redis.port) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const [{ url }] = (await once(child, 'message')) as [{ url: string }]
  const measure = async () => {
    child?.send({ cycles: CYCLES })
    const [reply] = (await once(child as ChildProcess, 'message')) as [
      { cpuMs: number; rssMb: number; heapMb: number; clients: number },
    ]
    return reply
  }
  await measure()
  const idle = await measure()
  const streams = await Promise.all(Array.from({ length: CLIENTS }, () => openEventStream(url)))
  await waitFor(() => streams.every((s) => s.frames.length > 0))
  await measure()
  const received = streams.map((s) => s.frames.length)
  const busy = await measure()
  const delivered = streams.filter((s, i) => s.frames.length - (received[i] ?? 0) === CYCLES).length
  const frameKb = (streams[0]?.frames.at(-1)?.data.length ?? 0) / 1024
  for (const s of streams) s.close()

  console.log(`status page benchmark: ${RENDERS} renders, ${CYCLES} cycles per measurement, six services`)
  console.table({
    '/health/detailed-like JSON': { 'ms per render': jsonMs.toFixed(3) },
    '/ (all sections + page)': { 'ms per render': htmlMs.toFixed(3) },
    '/ gzip once per cycle': { 'ms per render': gzipMs.toFixed(3) },
  })
  console.log(
    `ratio render / JSON: ${(htmlMs / jsonMs).toFixed(1)} (the page is rendered once per cycle, not per request)`,
  )
  const row = (m: typeof idle) => ({
    'CPU ms per cycle': (m.cpuMs / CYCLES).toFixed(3),
    'RSS MB': m.rssMb.toFixed(1),
    'heap MB': m.heapMb.toFixed(1),
  })
  console.table({ 'no clients': row(idle), [`${busy.clients} clients`]: row(busy) })
  console.log(`ratio CPU ${CLIENTS} clients / none: ${(busy.cpuMs / idle.cpuMs).toFixed(2)}`)
  console.log(
    `clients that got every one of the ${CYCLES} cycles: ${delivered} of ${CLIENTS}; frame ${frameKb.toFixed(1)} KB`,
  )
  console.log(`page weight (HTML + script + styles, gzipped): ${(weight / 1024).toFixed(1)} KB of 150 KB`)
} finally {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM')
    await once(child, 'exit')
  }
  await redis.stop()
}
