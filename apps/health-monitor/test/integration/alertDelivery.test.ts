import type { Alert } from '@squeezeflow/core'
import { waitFor } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { restartNotVerifiedAlert, restartStartedAlert } from '../../src/recovery/recoveryAlerts.js'
import { deliveryOf, moreCycles, notificationsFor, startAlertingStack } from './alertingFixtures.js'
import { keepWriting, type RunningMonitor, startMonitor, subscribeAlerts } from './monitorFixtures.js'

const DATA_GAP = 'health-monitor/data_gap/aggr_server'

describe('health-monitor alert delivery through @squeezeflow/alerting', () => {
  let world: Awaited<ReturnType<typeof startAlertingStack>>
  const monitors: RunningMonitor[] = []
  const start = async (env: Record<string, string>) => {
    const monitor = await startMonitor(env)
    monitors.push(monitor)
    return monitor
  }
  const stopAll = async () => {
    for (const monitor of monitors.splice(0)) await monitor.stop()
  }

  beforeAll(async () => {
    world = await startAlertingStack()
  })
  afterAll(async () => {
    await stopAll()
    await world.stop()
  })

  it('two monitors on one Redis announce each transition once and notify Alertmanager once', async () => {
    const { env, keys, signaller } = await world.env('two')
    const subscriber = await subscribeAlerts(world.stack.redis, keys)
    const [a, b] = [await start(env), await start(env)]
    const gapMessages = (state: Alert['state']) =>
      subscriber.alerts.filter((m) => m.fingerprint === DATA_GAP && m.state === state)

    const firing = await waitFor(() => notificationsFor(world.webhook, 'two', 'aggr_server', 'firing')[0], {
      timeoutMs: 30_000,
      description: 'firing notification',
    })
    await Promise.all([moreCycles(a, 3), moreCycles(b, 3)])
    expect(gapMessages('firing')).toHaveLength(1)
    expect(notificationsFor(world.webhook, 'two', 'aggr_server', 'firing')).toHaveLength(1)
    expect(firing?.alerts).toHaveLength(1)
    expect(firing?.alerts[0]?.labels).toEqual({
      alertname: 'data_gap',
      service: 'aggr_server',
      severity: 'critical',
      source: 'health-monitor',
      stack: 'two',
    })
    const [da, db] = [await deliveryOf(a), await deliveryOf(b)]
    expect(da.duplicates + db.duplicates).toBeGreaterThanOrEqual(1)
    expect([da, db].filter((d) => d.alertmanager?.leaseHeld)).toHaveLength(1)

    const writer = keepWriting(world.stack.influx, 'trades_two')
    try {
      await waitFor(() => gapMessages('resolved').length > 0, { timeoutMs: 30_000, description: 'resolved' })
      await waitFor(() => notificationsFor(world.webhook, 'two', 'aggr_server', 'resolved').length > 0, {
        timeoutMs: 30_000,
        description: 'resolved notification',
      })
      await Promise.all([moreCycles(a, 3), moreCycles(b, 3)])
    } finally {
      writer.stop()
      signaller.stop()
    }
    expect(gapMessages('firing')).toHaveLength(1)
    expect(gapMessages('resolved')).toHaveLength(1)
    expect(notificationsFor(world.webhook, 'two', 'aggr_server', 'resolved')).toHaveLength(1)
    await subscriber.close()
    await stopAll()
  })

  it("announces auto-recovery's escalation once, and a replica's repeat of it not at all", async () => {
    const { env, keys, signaller } = await world.env('escalation')
    signaller.stop()
    const subscriber = await subscribeAlerts(world.stack.redis, keys)
    const [a, b] = [await start(env), await start(env)]
    const restarts = () => subscriber.alerts.filter((m) => m.rule === 'auto_restart')
    const at = Date.now()
    for (const alert of [
      restartStartedAlert('aggr_server', 'no data', at),
      restartNotVerifiedAlert('aggr_server', 'no new data', at, at + 1000),
    ]) {
      a.monitor.publishAlert(alert)
      b.monitor.publishAlert(alert)
    }
    await waitFor(() => restarts().length >= 2, { description: 'two recovery alerts' })
    await Promise.all([moreCycles(a, 2), moreCycles(b, 2)])
    expect(restarts().map((m) => `${m.state}/${m.severity}`)).toEqual(['firing/warning', 'firing/critical'])
    expect(restarts()[1]?.fired_at).toBe(new Date(at).toISOString())
    await subscriber.close()
    await stopAll()
  })

  it('delivers a firing alert to an Alertmanager that was down when it fired, and keeps cycling meanwhile', async () => {
    const { env, signaller } = await world.env('down')
    await world.alertmanager.kill()
    const monitor = await start(env)
    await waitFor(async () => ((await deliveryOf(monitor)).alertmanager?.urls[0]?.failures ?? 0) >= 2, {
      timeoutMs: 30_000,
      description: 'failed posts',
    })
    // Posts fail meanwhile, yet the loop completes its cycles and no task stalls.
    await moreCycles(monitor, 3)
    expect((await deliveryOf(monitor)).alertmanager?.urls[0]?.failures).toBeGreaterThanOrEqual(2)
    expect((await monitor.get('/livez')).body).toMatchObject({ status: 'alive', stalled: [] })
    expect(notificationsFor(world.webhook, 'down', 'aggr_server', 'firing')).toHaveLength(0)

    await world.alertmanager.restart()
    await waitFor(() => notificationsFor(world.webhook, 'down', 'aggr_server', 'firing').length > 0, {
      timeoutMs: 30_000,
      description: 'late firing notification',
    })
    expect((await deliveryOf(monitor)).alertmanager?.urls[0]).toMatchObject({ failures: 0 })
    signaller.stop()
    await stopAll()
  })
})
