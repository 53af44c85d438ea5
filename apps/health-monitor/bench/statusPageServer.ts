import { setTimeout as sleep } from 'node:timers/promises'
import { createManualClock } from '@squeezeflow/core'
import { createStatusPage } from '../src/statusPage/createStatusPage.js'
import { createFakeMonitor, serveStatusPage } from '../test/integration/statusPage/statusPageFixtures.js'

// The status page in its own process, so the benchmark measures its CPU and memory alone. Driven over IPC:
// `{ cycles: n }` runs n check cycles, PACE_MS apart (real cycles are 30 s apart: clients keep up), and answers
// with the CPU time they took and the memory afterwards.
const PACE_MS = 500
const manual = createManualClock(Date.now())
const monitor = createFakeMonitor({ redisPort: Number(process.env.BENCH_REDIS_PORT), clock: manual.clock })
await monitor.ready()
const page = createStatusPage(monitor.deps)
await page.start()
const served = await serveStatusPage(page)

process.on('message', async (message: { cycles: number }) => {
  const cpu = process.cpuUsage()
  for (let i = 0; i < message.cycles; i++) {
    manual.advance(30_000)
    await monitor.cycle({ aggr_server: i % 5 === 0 ? 'degraded' : 'healthy' }, `cycle ${i}`)
    await sleep(PACE_MS)
  }
  const used = process.cpuUsage(cpu)
  const memory = process.memoryUsage()
  process.send?.({
    cpuMs: (used.user + used.system) / 1000,
    rssMb: memory.rss / 2 ** 20,
    heapMb: memory.heapUsed / 2 ** 20,
    clients: page.stats().clients,
  })
})
process.on('SIGTERM', async () => {
  await served.close()
  await monitor.close()
  process.exit(0)
})
process.send?.({ url: served.url })
