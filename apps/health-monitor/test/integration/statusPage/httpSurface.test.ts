import { gzipSync } from 'node:zlib'
import { createManualClock } from '@squeezeflow/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../../src/statusPage/statusPageRoutes.js'
import { SERVICES, startStatusPageStack } from './statusPageFixtures.js'

const PAGE_BUDGET_BYTES = 150 * 1024

describe('status page over HTTP', () => {
  let stack: Awaited<ReturnType<typeof startStatusPageStack>>
  let served: typeof stack.served
  const manual = createManualClock(Date.parse('2026-03-01T12:00:00Z'))

  beforeAll(async () => {
    stack = await startStatusPageStack(manual.clock)
    served = stack.served
    // A full heartbeat bar for every service: the heaviest the page gets.
    for (let i = 0; i < 60; i++) {
      manual.advance(30_000)
      await stack.monitor.cycle({ aggr_server: i % 7 === 0 ? 'critical' : 'healthy' }, `cycle ${i} fine`)
    }
  })

  afterAll(async () => {
    await stack?.stop()
  })

  it('serves the page uncached under a strict policy, its assets cached for a year, and stays under 150 KB gzipped', async () => {
    const res = await fetch(`${served.url}/`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(res.headers.get('content-encoding')).toBe('gzip')
    const html = await res.text()
    for (const name of SERVICES) expect(html).toContain(`data-service="${name}"`)

    const assetUrls = [...html.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)].map((m) => m[1] as string)
    expect(assetUrls).toHaveLength(3)
    let weight = gzipSync(html).length
    for (const url of assetUrls) {
      expect(url).toMatch(/\.[0-9a-f]{12}\.(css|js|svg)$/)
      const asset = await fetch(`${served.url}${url}`)
      expect(asset.status).toBe(200)
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
      const body = Buffer.from(await asset.arrayBuffer())
      if (!url.endsWith('.svg')) weight += gzipSync(body).length
    }
    expect(weight).toBeLessThan(PAGE_BUDGET_BYTES)
    expect((await fetch(`${served.url}/static/statusPage.000000000000.js`)).status).toBe(404)
  })

  it('answers badges as SVG, and a 404 SVG for an unknown service or window', async () => {
    const ok = await fetch(`${served.url}/badge/aggr_server.svg`)
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8')
    expect(await ok.text()).toContain('<title>aggr_server: healthy</title>')

    const uptime = await fetch(`${served.url}/badge/aggr_server/uptime.svg?window=7d`)
    expect(uptime.status).toBe(200)
    // 60 checks, 9 of them critical: 51 / 60.
    expect(await uptime.text()).toContain('>85.00%</text>')

    for (const path of ['/badge/nope.svg', '/badge/nope/uptime.svg', '/badge/redis/uptime.svg?window=1y']) {
      const missing = await fetch(`${served.url}${path}`)
      expect(missing.status, path).toBe(404)
      expect(missing.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8')
      expect(await missing.text()).toContain('not found</title>')
    }
  })
})
