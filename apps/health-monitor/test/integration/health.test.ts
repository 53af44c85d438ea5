import { spawn } from 'node:child_process'
import type { HealthCheck } from '@squeezeflow/core'
import { waitFor } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { activeAlert } from '../fixtures/dashboard.js'
import {
  type BusyStack,
  type RunningMonitor,
  startBusyStack,
  startMonitor,
  testEnv,
} from './monitorFixtures.js'

const SERVICES = ['redis', 'influxdb', 'aggr_server', 'strategy_runner', 'system', 'performance_monitor']

function promtoolCheck(exposition: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
    child.stdin.end(exposition)
  })
}

describe('health-monitor against a healthy stack', () => {
  let stack: BusyStack
  let running: RunningMonitor

  beforeAll(async () => {
    stack = await startBusyStack([
      activeAlert({ fingerprint: 'performance-monitor/cpu_percent_gt/system', state: 'firing' }),
    ])
    running = await startMonitor(testEnv(stack))
  })

  afterAll(async () => {
    await running?.stop()
    await stack?.stop()
  })

  it('reports every service healthy, and /health answers 200', async () => {
    const body = await waitFor(
      async () => {
        const { status, body } = await running.get('/health')
        if (status !== 200 || body.status !== 'healthy') throw new Error(JSON.stringify(body))
        return body
      },
      { timeoutMs: 20_000, intervalMs: 200, description: 'all healthy' },
    )
    expect(Object.keys(body.services as object).sort()).toEqual([...SERVICES].sort())
    expect(Object.values(body.services as object)).toEqual(SERVICES.map(() => 'healthy'))
    expect(typeof body.timestamp).toBe('string')
  })

  it('answers /health/detailed and /metrics the same directly and through the app', async () => {
    await waitFor(async () => (await running.get('/health')).status === 200, { description: 'a cycle' })
    // Both within one cycle (a new one may start between two requests: then ask again).
    const same = await waitFor(
      async () => {
        const direct = await running.get('/health/detailed')
        const viaApp = await running.get('/health/detailed?via=app')
        const strip = (body: Record<string, unknown>) => ({ ...body, generated_at: null })
        return direct.body.cycle === viaApp.body.cycle ? { direct, viaApp, strip } : undefined
      },
      { description: 'two answers of one cycle' },
    )
    if (same === undefined) throw new Error('no two answers of one cycle')
    expect(same.direct.status).toBe(same.viaApp.status)
    expect(same.strip(same.direct.body)).toEqual(same.strip(same.viaApp.body))
    const metrics = await fetch(`${running.url}/metrics`)
    const etag = metrics.headers.get('etag')
    expect(etag).toMatch(/^"[\w-]+"$/)
    const again = await fetch(`${running.url}/metrics`, { headers: { 'If-None-Match': etag as string } })
    expect(again.status === 304 || again.headers.get('etag') !== etag).toBe(true)
  })

  it('shows the data flow, the probe and container_running in /health/service/aggr_server', async () => {
    const aggr = await running.service('aggr_server')
    expect(aggr).toMatchObject({ name: 'aggr_server', status: 'healthy', critical: true, recovery: null })
    expect(aggr.details).toMatchObject({
      container_running: null,
      data_flow_healthy: true,
      http_probe: { ok: true, status_code: 200 },
    })
    expect(aggr.details.recent_data_count).toBeGreaterThan(0)
    expect(aggr.details.data_gap_minutes).toBeLessThan(0.1)
    expect(Date.parse(String(aggr.details.last_write_time))).toBeGreaterThan(0)
    expect(aggr.details.points_per_minute).toBeGreaterThan(0)
    expect(Date.parse(aggr.timestamp)).toBeGreaterThan(0)
    expect(aggr.response_time_ms).toBeGreaterThanOrEqual(0)
  })

  it('shows redis, influxdb, the signal counter and the dashboard alerts in their details', async () => {
    const [redis, influx, runner, perf] = await Promise.all(
      ['redis', 'influxdb', 'strategy_runner', 'performance_monitor'].map((n) => running.service(n)),
    )
    expect(redis?.details).toMatchObject({ reachable: true })
    expect(String(redis?.details.version)).toMatch(/^\d+\./)
    expect(influx?.details).toMatchObject({ database_exists: true, database: 'significant_trades' })
    expect(runner?.details.signals_published).toBeGreaterThan(0)
    expect(perf?.details).toMatchObject({ dashboard_present: true, active_alert_count: 1 })
  })

  it('serves /health/detailed, the history, /status, /livez and /readyz', async () => {
    const detailed = await running.get('/health/detailed')
    expect(detailed.status).toBe(200)
    expect(Object.keys(detailed.body.services as object)).toHaveLength(6)
    expect(detailed.body).toMatchObject({
      status: 'healthy',
      recovery: null,
      alerts: { active: [], delivery: { buffered: 0 } },
    })

    const history = await waitFor(
      async () => {
        const { body } = await running.get('/health/service/redis/history')
        if ((body.results as HealthCheck[]).length < 2) throw new Error('fewer than two results')
        return body
      },
      { timeoutMs: 10_000, description: 'two results in the history' },
    )
    expect(history.name).toBe('redis')
    const results = history.results as HealthCheck[]
    expect(Date.parse(results[0]?.timestamp ?? '')).toBeGreaterThanOrEqual(
      Date.parse(results[1]?.timestamp ?? ''),
    )

    const status = await running.get('/status')
    expect(status.body).toMatchObject({
      service: 'health-monitor',
      redis: 'ready',
      check_interval_seconds: 1,
    })
    expect(status.body.cycles).toBeGreaterThan(0)
    expect((await running.get('/livez')).status).toBe(200)
    expect((await running.get('/readyz')).status).toBe(200)
  })

  it('answers unknown names and paths with 404 JSON and other methods with 405 JSON, never a stack', async () => {
    const unknown = await running.get('/health/service/nope')
    expect(unknown.status).toBe(404)
    expect(unknown.body).toMatchObject({ error: 'not_found' })
    expect((await running.get('/health/service/nope/history')).status).toBe(404)
    expect((await running.get('/no/such/path')).body).toMatchObject({ error: 'not_found' })
    const post = await fetch(`${running.url}/health`, { method: 'POST', body: '{}' })
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET, HEAD')
    expect(await post.json()).toMatchObject({ error: 'method_not_allowed' })
    const malformed = await running.get('/health/service/%E0%A4%A')
    expect(malformed.status).toBe(400)
    expect(malformed.text).not.toMatch(/at .*\.js|URIError/)
  })

  it('exposes Prometheus metrics that pass promtool check metrics', async () => {
    const { status, text } = await running.get('/metrics')
    expect(status).toBe(200)
    expect(text).toMatch(/^squeezeflow_service_health_status\{service="aggr_server"\} 0$/m)
    expect(text).toMatch(/^squeezeflow_checks_total\{service="redis",status="healthy"\} \d+$/m)
    expect(text).toMatch(/^squeezeflow_data_flow_recent_points \d+$/m)
    expect(text).toMatch(/^process_cpu_user_seconds_total /m)
    const { code, output } = await promtoolCheck(text)
    expect(output).toBe('')
    expect(code).toBe(0)
  })
})
