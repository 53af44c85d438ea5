import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createManualClock } from '@squeezeflow/core'
import { type Browser, launchChromium, type Page } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StatusPage } from '../../../src/statusPage/createStatusPage.js'
import { dashboardText } from './dashboardFixture.js'
import { recordPageProblems } from './pageProblems.js'
import { dataGapAlert, SERVICES, startStatusPageStack } from './statusPageFixtures.js'

/** The browser's parser, for code that page.evaluate runs in the page (the Node program has no DOM types). */
declare const DOMParser: new () => {
  parseFromString(
    text: string,
    type: string,
  ): { documentElement: { nodeName: string }; querySelector(selector: string): unknown }
}

/** Screenshots go beside the other run artefacts (`.run/` is ignored by git). */
const OUTPUT_DIR = process.env.TEST_OUTPUT_DIR ?? join(import.meta.dirname, '../../../../../.run/test-output')

describe('status page in headless Chromium', () => {
  let stack: Awaited<ReturnType<typeof startStatusPageStack>>
  let monitor: typeof stack.monitor
  let statusPage: StatusPage
  let served: typeof stack.served
  let browser: Browser
  let page: Page
  let problems: string[] = []
  const manual = createManualClock(Date.now())

  beforeAll(async () => {
    stack = await startStatusPageStack(manual.clock)
    ;({ monitor, served } = stack)
    statusPage = stack.page
    for (let i = 0; i < 20; i++) {
      manual.advance(30_000)
      // performance-monitor writes its dashboard as time goes by; the page reads it once per cycle.
      await monitor.redis.client.set(monitor.keys.performanceDashboard, dashboardText(manual.clock() - 5000))
      await monitor.cycle({ influxdb: i === 5 ? 'degraded' : 'healthy' })
    }
    browser = await launchChromium()
    page = await browser.newPage()
    problems = recordPageProblems(page)
  })

  afterAll(async () => {
    await browser?.close()
    await stack?.stop()
  })

  it('renders every service with its status in words, goes live, and logs no error', async () => {
    await page.goto(`${served.url}/`)
    await page.locator('#sp-connection[data-state="live"]').waitFor()
    for (const name of SERVICES) {
      await expect(page.locator(`[data-service="${name}"] header .pill`).textContent()).resolves.toContain(
        'Healthy',
      )
    }
    await expect(page.locator('[data-dashboard="fresh"]').count()).resolves.toBe(1)
    expect(problems).toEqual([])
  })

  it('is complete with JavaScript off, and says it reloads instead of updating live', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const noScript = await context.newPage()
    await noScript.goto(`${served.url}/`)
    for (const name of SERVICES) {
      await expect(
        noScript.locator(`[data-service="${name}"] header .pill`).textContent(),
      ).resolves.toContain('Healthy')
    }
    await expect(noScript.locator('#sp-connection').textContent()).resolves.toBe(
      'Live updates need JavaScript; this page reloads every 30 s.',
    )
    await context.close()
  })

  it('updates a tile from the stream without a reload when a status changes', async () => {
    await page.evaluate(() => {
      ;(globalThis as unknown as { notReloaded: boolean }).notReloaded = true
    })
    manual.advance(30_000)
    await monitor.cycle({ aggr_server: 'critical' })
    const tile = page.locator('[data-service="aggr_server"]')
    await page.locator('[data-service="aggr_server"][data-status="critical"]').waitFor()
    await expect(tile.locator('header .pill').textContent()).resolves.toContain('Critical')
    await expect(tile.locator('.msg').textContent()).resolves.toBe('aggr_server is critical')
    await expect(page.title()).resolves.toBe('Critical · SqueezeFlow status')
    await expect(
      page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded),
    ).resolves.toBe(true)

    // Focus on a heartbeat shows its time, status and message (hidden but readable before).
    const newest = tile.locator('.beat').last()
    const tip = newest.locator('.tip')
    expect((await tip.boundingBox())?.width).toBeLessThanOrEqual(1)
    await newest.focus()
    expect((await tip.boundingBox())?.width).toBeGreaterThan(50)
    await expect(tip.textContent()).resolves.toMatch(
      /\d\d:\d\d:\d\d UTC · Critical · aggr_server is critical/,
    )
    await newest.blur()
    expect(problems).toEqual([])
  })

  it('lists alerts pushed through the stream, and serves badges that parse as SVG', async () => {
    statusPage.publishAlert(dataGapAlert(new Date(manual.clock()).toISOString()))
    await page.locator('#sp-events li', { hasText: 'no data written for 12 min' }).waitFor()
    mkdirSync(OUTPUT_DIR, { recursive: true })
    await page.screenshot({ path: join(OUTPUT_DIR, 'statusPage.png'), fullPage: true })
    expect(problems).toEqual([])

    const parsed = await page.evaluate(async () => {
      const results: Array<{ status: number; root: string; error: boolean }> = []
      for (const path of ['/badge/redis.svg', '/badge/redis/uptime.svg?window=90d', '/badge/nope.svg']) {
        const res = await fetch(path)
        const doc = new DOMParser().parseFromString(await res.text(), 'image/svg+xml')
        results.push({
          status: res.status,
          root: doc.documentElement.nodeName,
          error: doc.querySelector('parsererror') !== null,
        })
      }
      return results
    })
    expect(parsed).toEqual([
      { status: 200, root: 'svg', error: false },
      { status: 200, root: 'svg', error: false },
      { status: 404, root: 'svg', error: false },
    ])
    // The one deliberate 404, and nothing else.
    expect(problems.sort()).toEqual([
      `404: ${served.url}/badge/nope.svg`,
      'console: Failed to load resource: the server responded with a status of 404 (Not Found)',
    ])
    problems.length = 0
  })

  it('says since when it is disconnected while the stream is down', async () => {
    // The page keeps serving; only the streams are cut, as when a proxy or the network drops them.
    served.server.closeAllConnections()
    await page.locator('#sp-connection[data-state="down"]').waitFor()
    await expect(page.locator('#sp-connection').textContent()).resolves.toMatch(
      /^Disconnected since \d\d:\d\d:\d\d UTC; reconnecting…$/,
    )
    await page.locator('#sp-connection[data-state="live"]').waitFor({ timeout: 20_000 })
  })
})
