import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createRedisKeys, type Dashboard } from '@squeezeflow/core'
import { type Browser, launchChromium, type Page } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMonitor as startPerformanceMonitor } from '../../../../performance-monitor/test/integration/helpers/startMonitor.js'
import {
  connectClient,
  keepSignalling,
  keepWriting,
  type Pump,
  type RunningMonitor,
  type Stack,
  startMonitor,
  startStack,
  type TestRedisClient,
  testEnv,
  waitForStatus,
} from '../monitorFixtures.js'
import { recordPageProblems } from './pageProblems.js'
import { SERVICES } from './statusPageFixtures.js'

/** Screenshots go beside the other run artefacts (`.run/` is ignored by git). */
const OUTPUT_DIR = process.env.TEST_OUTPUT_DIR ?? join(import.meta.dirname, '../../../../../.run/test-output')
/** Both monitors share one prefix that is neither's default, so the dashboard key only meets if both honour it. */
const PREFIX = 'sqfstatus'
const keys = createRedisKeys(PREFIX)
/** A loaded CI host is slow to start Chromium and to run one-second cycles. */
const PATIENCE = { timeout: 60_000 }

/** What the page's script keeps in the window: every status aggr_server's tile showed, in order. */
interface Watched {
  aggrStatuses: string[]
}

describe('status page in headless Chromium against the running services', () => {
  let stack: Stack
  let client: TestRedisClient
  let writer: Pump
  let signaller: Pump
  let performance: Awaited<ReturnType<typeof startPerformanceMonitor>>
  let running: RunningMonitor
  let browser: Browser
  let page: Page
  let problems: string[] = []
  let navigations = 0

  beforeAll(async () => {
    stack = await startStack()
    client = await connectClient(stack.redis)
    writer = keepWriting(stack.influx)
    signaller = keepSignalling(client, keys)
    performance = await startPerformanceMonitor(stack.redis, { REDIS_PREFIX: PREFIX })
    // A check a second; 3 s without a point is unhealthy, 9 s critical (wide apart so a slow cycle shows both).
    running = await startMonitor(
      testEnv(stack, {
        REDIS_PREFIX: PREFIX,
        HEALTH_CHECK_INTERVAL: '1',
        DATA_GAP_UNHEALTHY_MINUTES: '0.05',
        DATA_GAP_CRITICAL_MINUTES: '0.15',
      }),
    )
    await Promise.all(SERVICES.map((name) => waitForStatus(running, name, 'healthy', PATIENCE.timeout)))
    browser = await launchChromium()
    page = await browser.newPage()
    problems = recordPageProblems(page)
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations++
    })
  })

  afterAll(async () => {
    await browser?.close()
    await running?.stop()
    await performance?.stop()
    writer?.stop()
    signaller?.stop()
    client?.destroy()
    await stack?.stop()
  })

  it('lists every service with its status in words, and the figures of the live dashboard', async () => {
    await page.goto(`${running.url}/`)
    await page.locator('#sp-connection[data-state="live"]').waitFor(PATIENCE)
    for (const name of SERVICES) {
      const tile = page.locator(`[data-service="${name}"]`)
      await expect(tile.getAttribute('data-status')).resolves.toBe('healthy')
      await expect(tile.locator('header .pill').textContent()).resolves.toContain('Healthy')
    }

    // The performance panel reads what performance-monitor wrote, under the shared prefix.
    const written = JSON.parse((await client.get(keys.performanceDashboard)) ?? 'null') as Dashboard | null
    expect(written?.service.name).toBe('performance-monitor')
    const fresh = page.locator('#sp-performance [data-dashboard="fresh"]')
    await fresh.waitFor(PATIENCE)
    await expect(fresh.textContent()).resolves.toContain(
      `Written by performance-monitor on ${written?.service.hostname}`,
    )
    const cpu = page.locator('#sp-performance figure.spark', { hasText: 'CPU' }).locator('strong')
    await expect(cpu.textContent()).resolves.toMatch(/^\d+(\.\d)?%$/)
    expect(problems).toEqual([])
  })

  it('turns aggr_server unhealthy then critical without a reload when its writes stop, and raises the alert', async () => {
    await page.evaluate(() => {
      const watched = globalThis as unknown as Watched & {
        document: { querySelector(s: string): { getAttribute(a: string): string | null } | null }
        MutationObserver: new (
          cb: () => void,
        ) => { observe(target: unknown, options: Record<string, boolean>): void }
      }
      const doc = watched.document
      watched.aggrStatuses = []
      const note = () => {
        const status = doc.querySelector('[data-service="aggr_server"]')?.getAttribute('data-status') ?? null
        if (status !== null && watched.aggrStatuses.at(-1) !== status) watched.aggrStatuses.push(status)
      }
      note()
      new watched.MutationObserver(note).observe(doc, {
        childList: true,
        subtree: true,
        attributes: true,
      })
    })
    const before = navigations

    writer.stop()
    const tile = page.locator('[data-service="aggr_server"]')
    await page.locator('[data-service="aggr_server"][data-status="unhealthy"]').waitFor(PATIENCE)
    await page.locator('[data-service="aggr_server"][data-status="critical"]').waitFor(PATIENCE)
    await expect(tile.locator('header .pill').textContent()).resolves.toContain('Critical')
    await expect(page.evaluate(() => (globalThis as unknown as Watched).aggrStatuses)).resolves.toEqual([
      'healthy',
      'unhealthy',
      'critical',
    ])
    expect(navigations).toBe(before)

    const checked = await running.service('aggr_server')
    expect(checked.status).toBe('critical')
    expect(checked.details.data_flow_healthy).toBe(false)
    await expect(tile.locator('.msg').textContent()).resolves.toMatch(/no data written/)

    // The alert the evaluator holds, in the alerts panel, and as an event pushed through the stream.
    // It fires as a warning at the first gap and turns critical with the status (the panel may be a cycle behind).
    const alert = page
      .locator('#sp-alerts tr', { hasText: 'aggr_server' })
      .filter({ has: page.locator('.pill', { hasText: 'Critical' }) })
    await alert.waitFor(PATIENCE)
    await expect(alert.textContent()).resolves.toContain('aggr-server: no data written for')
    await expect(page.locator('#sp-alerts tbody tr').count()).resolves.toBe(1)
    await page
      .locator('#sp-events li', { hasText: 'alert firing: aggr_server: aggr-server: no data written' })
      .waitFor(PATIENCE)
    const detailed = await running.get('/health/detailed')
    expect((detailed.body.alerts as { active: Array<{ fingerprint: string }> }).active).toMatchObject([
      { fingerprint: 'health-monitor/data_gap/aggr_server' },
    ])

    mkdirSync(OUTPUT_DIR, { recursive: true })
    await page.screenshot({ path: join(OUTPUT_DIR, 'statusPageRealStack.png'), fullPage: true })
    expect(navigations).toBe(before)
    expect(problems).toEqual([])
  })
})
