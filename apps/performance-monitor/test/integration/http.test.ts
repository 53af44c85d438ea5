import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { parseDashboard } from '@squeezeflow/core'
import { type RedisServer, startRedis, waitFor } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMonitor } from './helpers/startMonitor.js'
import { waitForValue } from './helpers/waitForValue.js'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Runs `promtool check metrics` on the text; resolves with its exit code and output. */
async function promtoolCheck(text: string) {
  const child = spawn('promtool', ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk))
  child.stdin.end(text)
  const [code] = await once(child, 'exit')
  return { code, output }
}

describe('HTTP API (real redis-server)', () => {
  let redis: RedisServer
  let service: Awaited<ReturnType<typeof startMonitor>>

  beforeAll(async () => {
    redis = await startRedis()
    service = await startMonitor(redis)
    await waitFor(() => (service.monitor.state.store.info('system_cpu_percent')?.totalCount ?? 0) >= 3, {
      timeoutMs: 20_000,
      description: 'a few collection cycles',
    })
  })
  afterAll(async () => {
    await service?.stop()
    await redis?.stop()
  })

  it('renders a PNG chart of the requested size', async () => {
    const response = await fetch(
      `${service.url}/charts/process_memory_rss_mb.png?window=300&width=640&height=360`,
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    const png = Buffer.from(await response.arrayBuffer())
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE)
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([640, 360])
  })

  it('renders a chart once per collection cycle and answers repeats with 304', async () => {
    // A cycle long enough that every request below falls within the first one.
    const slow = await startMonitor(redis, { COLLECTION_INTERVAL_SECONDS: '600' })
    try {
      await waitFor(() => slow.monitor.state.cycle.lastCycleAt() !== undefined, {
        description: 'first cycle',
      })
      const url = `${slow.url}/charts/process_memory_rss_mb.svg?width=400&height=200`
      const first = await fetch(url)
      const etag = first.headers.get('etag')
      expect(first.status).toBe(200)
      expect(etag).toMatch(/^"[\w-]+"$/)
      expect(first.headers.get('cache-control')).toBe('no-cache')
      const body = await first.text()
      const second = await fetch(url)
      expect(second.headers.get('etag')).toBe(etag)
      expect(await second.text()).toBe(body)
      const revalidated = await fetch(url, { headers: { 'If-None-Match': etag as string } })
      expect(revalidated.status).toBe(304)
      expect(await revalidated.text()).toBe('')
      const other = await fetch(`${slow.url}/charts/process_memory_rss_mb.svg?width=500&height=200`)
      expect(other.headers.get('etag')).not.toBe(etag)
      for (const path of ['/metrics', '/dashboard']) {
        const a = await fetch(slow.url + path)
        const b = await fetch(slow.url + path, {
          headers: { 'If-None-Match': a.headers.get('etag') as string },
        })
        expect([a.status, b.status]).toEqual([200, 304])
      }
    } finally {
      await slow.stop()
    }
  })

  it('renders an SVG chart with title, axis labels and the mean and p95 rules', async () => {
    const response = await fetch(`${service.url}/charts/process_memory_rss_mb.svg`)
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/)
    const svg = await response.text()
    expect(svg).toMatch(/^<svg[^>]* width="800" height="400"/)
    for (const text of [
      'process_memory_rss_mb (all kept points)',
      'time',
      'process_memory_rss_mb (MB)',
      'mean ',
      'p95 ',
    ]) {
      expect(svg).toContain(text)
    }
  })

  it('serves /metrics that promtool accepts, with the service’s own series', async () => {
    const response = await fetch(`${service.url}/metrics`)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
    const text = await response.text()
    expect(text).toContain('squeezeflow_perf_redis_up 1')
    expect(text).toMatch(/squeezeflow_perf_metric_value\{metric="system_cpu_percent",stat="p95"\} /)
    expect(text).toContain('process_cpu_user_seconds_total')
    expect(await promtoolCheck(text)).toEqual({ code: 0, output: '' })
  })

  it('serves summaries per window, the dashboard, exports and memory profiles', async () => {
    const summary = await service.getJson('/metrics/summary?window=60&metric=process_memory_rss_mb')
    expect(summary.body).toMatchObject({
      window_seconds: 60,
      metrics: { process_memory_rss_mb: { unit: 'MB', window_seconds: 60, trend: expect.any(String) } },
    })
    const dashboard = await service.getJson('/dashboard')
    expect(Object.keys(dashboard.body)).toEqual(
      expect.arrayContaining(['last_updated', 'service', 'system', 'metrics', 'operations', 'active_alerts']),
    )
    expect(parseDashboard(JSON.stringify(dashboard.body))).toMatchObject({ ok: true })
    const csv = await fetch(`${service.url}/export/metrics.csv?metric=process_cpu_percent&window=3600`)
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
    const lines = (await csv.text()).trim().split('\r\n')
    expect(lines[0]).toBe('timestamp_ms,time,metric,value,unit,service')
    expect(lines[1]).toMatch(
      /^\d+,\d{4}-\d\d-\d\dT[^,]+,process_cpu_percent,[\d.]+,percent,performance-monitor$/,
    )
    const json = await service.getJson('/export/metrics.json?metric=process_cpu_percent')
    expect(json.body).toMatchObject({
      window_seconds: null,
      metrics: { process_cpu_percent: { unit: 'percent' } },
    })
    const profile = await waitForValue(async () => {
      const { body } = await service.getJson('/profile/memory?limit=1')
      return (body.snapshots as unknown[]).length > 0 ? body : undefined
    })
    expect(profile).toMatchObject({
      enabled: true,
      snapshots: [
        {
          total_bytes: expect.any(Number),
          top: expect.arrayContaining([expect.objectContaining({ bytes: expect.any(Number) })]),
        },
      ],
    })
  })

  it.each([
    ['/nowhere', 404, 'not_found'],
    ['/charts/unknown_metric.png', 404, 'not_found'],
    ['/charts/process_cpu_percent.gif', 400, 'bad_request'],
    ['/metrics/summary?window=0', 400, 'bad_request'],
    ['/charts/process_cpu_percent.png?width=99999', 400, 'bad_request'],
    ['/export/metrics.csv?metric=bad%20name', 400, 'bad_request'],
  ])('answers %s with %i JSON', async (path, status, error) => {
    const response = await fetch(service.url + path)
    expect(response.status).toBe(status)
    expect(await response.json()).toMatchObject({ error, message: expect.any(String) })
  })

  it('answers other methods with 405 JSON', async () => {
    const response = await fetch(`${service.url}/dashboard`, { method: 'POST' })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET, HEAD')
    expect(await response.json()).toMatchObject({ error: 'method_not_allowed' })
  })
})
