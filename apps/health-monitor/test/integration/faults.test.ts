import { type Alert, createRedisKeys } from '@squeezeflow/core'
import { waitFor } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type BusyStack,
  type RunningMonitor,
  startBusyStack,
  startMonitor,
  testEnv,
  waitForStatus,
} from './monitorFixtures.js'

const keys = createRedisKeys()

describe('health-monitor when parts of the stack fail', () => {
  let stack: BusyStack
  let running: RunningMonitor

  beforeAll(async () => {
    stack = await startBusyStack()
    running = await startMonitor(testEnv(stack, { SIGNAL_STALL_SECONDS: '2' }))
    await waitFor(async () => (await running.get('/health')).body.status === 'healthy', {
      timeoutMs: 20_000,
      description: 'all healthy',
    })
  })

  afterAll(async () => {
    await running?.stop()
    await stack?.stop()
  })

  it('reports the strategy runner degraded when its signal counter stalls, and healthy when it moves again', async () => {
    stack.signaller.stop()
    const stalled = await waitForStatus(running, 'strategy_runner', 'degraded')
    expect(stalled.message).toMatch(/not generating signals/)
    expect(stalled.details).toMatchObject({ generating_signals: false, stall_window_seconds: 2 })
    expect((await running.get('/health')).status).toBe(200)

    stack.signaller.start()
    await waitForStatus(running, 'strategy_runner', 'healthy')
  })

  it('reports influxdb critical while it is down, names it as aggr-server’s cause, and recovers after restart', async () => {
    await stack.influx.kill()
    const influx = await waitForStatus(running, 'influxdb', 'critical')
    expect(influx.details.reachable).toBe(false)
    const aggr = await running.service('aggr_server')
    expect(aggr.status).toBe('unknown')
    expect(aggr.details.dependency_down).toBe('influxdb')
    const health = await running.get('/health')
    expect(health.status).toBe(503)
    expect(health.body).toMatchObject({ status: 'critical', services: { influxdb: 'critical' } })

    await stack.influx.restart()
    await waitForStatus(running, 'influxdb', 'healthy')
    await waitForStatus(running, 'aggr_server', 'healthy')
  })

  it('answers 503 with redis critical while Redis is down, stays alive, and publishes what it buffered after restart', async () => {
    await stack.redis.kill()
    const redis = await waitForStatus(running, 'redis', 'critical')
    expect(redis.message).toMatch(/redis unreachable/)
    const health = await running.get('/health')
    expect(health.status).toBe(503)
    expect(health.body).toMatchObject({ status: 'critical', services: { redis: 'critical' } })
    expect((await running.get('/livez')).status).toBe(200)
    const status = await waitFor(
      async () => {
        const { body } = await running.get('/status')
        if ((body.alert_delivery as { buffered: number }).buffered === 0)
          throw new Error('nothing buffered yet')
        return body
      },
      { description: 'an alert buffered while Redis is down' },
    )
    expect(status.redis).not.toBe('ready')

    await stack.redis.restart()
    await waitForStatus(running, 'redis', 'healthy')
    // The restarted server is empty (no persistence): what the history holds now came from the buffer.
    const history = await waitFor(
      async () => {
        const alerts = (await stack.client.zRange(keys.alertHistory, 0, -1)).map(
          (json) => JSON.parse(json) as Alert,
        )
        const delivered = alerts.some(
          (a) => a.fingerprint === 'health-monitor/service_status/redis' && a.state === 'firing',
        )
        if (!delivered) throw new Error('the buffered redis alert is not in the history yet')
        return alerts
      },
      { timeoutMs: 15_000, description: 'buffered redis alert in the history' },
    )
    expect(history.find((a) => a.service === 'redis')).toMatchObject({
      severity: 'critical',
      rule: 'service_status',
    })
    const resolved = await waitFor(
      async () =>
        (await stack.client.zRange(keys.alertHistory, 0, -1)).some(
          (json) => json.includes('"service":"redis"') && json.includes('"state":"resolved"'),
        ),
      { timeoutMs: 15_000, description: 'redis alert resolved' },
    )
    expect(resolved).toBe(true)
    expect((await running.get('/status')).body.alert_delivery).toMatchObject({ buffered: 0, dropped: 0 })
  })
})
