import { type Alert, createRedisKeys } from '@squeezeflow/core'
import { waitFor } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type BusyStack,
  type RunningMonitor,
  startBusyStack,
  startMonitor,
  subscribeAlerts,
  testEnv,
  waitForStatus,
} from './monitorFixtures.js'

const keys = createRedisKeys()
const GAP_FINGERPRINT = 'health-monitor/data_gap/aggr_server'

describe('aggr-server stops writing to InfluxDB', () => {
  let stack: BusyStack
  let running: RunningMonitor
  let subscriber: Awaited<ReturnType<typeof subscribeAlerts>>

  beforeAll(async () => {
    stack = await startBusyStack()
    subscriber = await subscribeAlerts(stack.redis, keys)
    // 3 s without a point is unhealthy, 6 s critical: the production rules, with minutes shortened by configuration.
    running = await startMonitor(
      testEnv(stack, { DATA_GAP_UNHEALTHY_MINUTES: '0.05', DATA_GAP_CRITICAL_MINUTES: '0.1' }),
    )
  })

  afterAll(async () => {
    await running?.stop()
    await subscriber?.close()
    await stack?.stop()
  })

  it('goes unhealthy then critical with a growing gap, fires one alert, and resolves once when writing resumes', async () => {
    const healthy = await waitForStatus(running, 'aggr_server', 'healthy')
    expect(healthy.details.data_flow_healthy).toBe(true)
    expect(subscriber.alerts).toEqual([])

    stack.writer.stop()
    const unhealthy = await waitForStatus(running, 'aggr_server', 'unhealthy')
    expect(unhealthy.details.data_flow_healthy).toBe(false)
    expect(unhealthy.details.data_gap_minutes).toBeGreaterThan(0.05)
    expect((await running.get('/health')).status).toBe(503)

    const critical = await waitForStatus(running, 'aggr_server', 'critical')
    expect(critical.details.data_gap_minutes).toBeGreaterThan(unhealthy.details.data_gap_minutes as number)
    expect(critical.details.data_gap_minutes).toBeGreaterThan(0.1)
    expect(critical.details.last_write_time).toBe(unhealthy.details.last_write_time)

    const firing = await waitFor(() => subscriber.alerts.filter((a) => a.state === 'firing'), {
      description: 'firing alert',
    })
    expect(firing).toHaveLength(1)
    expect(firing[0]).toMatchObject({
      fingerprint: GAP_FINGERPRINT,
      source: 'health-monitor',
      rule: 'data_gap',
      service: 'aggr_server',
      repeat: false,
    })
    const detailed = await running.get('/health/detailed')
    expect((detailed.body.alerts as { active: Alert[] }).active).toMatchObject([
      { fingerprint: GAP_FINGERPRINT, state: 'firing', severity: 'critical' },
    ])

    stack.writer.start()
    await waitForStatus(running, 'aggr_server', 'healthy')
    const resolved = await waitFor(() => subscriber.alerts.filter((a) => a.state === 'resolved'), {
      description: 'resolved alert',
    })
    expect(resolved).toMatchObject([{ fingerprint: GAP_FINGERPRINT, state: 'resolved' }])
    expect(subscriber.alerts.map((a) => a.state)).toEqual(['firing', 'resolved'])

    const history = (await stack.client.zRange(keys.alertHistory, 0, -1)).map(
      (json) => JSON.parse(json) as Alert,
    )
    expect(history.map((a) => [a.fingerprint, a.state])).toEqual([
      [GAP_FINGERPRINT, 'firing'],
      [GAP_FINGERPRINT, 'resolved'],
    ])
    expect(await stack.client.ttl(keys.alertHistory)).toBeGreaterThan(0)
  })
})
