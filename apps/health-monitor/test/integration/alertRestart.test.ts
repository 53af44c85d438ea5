import type { Alert } from '@squeezeflow/core'
import { getFreePort, waitFor } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DeliveryStatus, moreCycles, notificationsFor, startAlertingStack } from './alertingFixtures.js'
import { subscribeAlerts } from './monitorFixtures.js'
import { type MonitorProcess, startProcess } from './processFixture.js'

const DATA_GAP = 'health-monitor/data_gap/aggr_server'

describe('a health-monitor killed while an alert fires', () => {
  let world: Awaited<ReturnType<typeof startAlertingStack>>
  const processes: MonitorProcess[] = []

  beforeAll(async () => {
    world = await startAlertingStack()
  })
  afterAll(async () => {
    for (const p of processes) await p.kill()
    await world.stop()
  })

  it('announces nothing again when started anew: no second channel message, no second notification', async () => {
    // The alert must stay valid in Alertmanager until the new process has taken the dead sender's lease
    // (10 s) and posted, or Alertmanager resolves it and notifies again. A 5 s resend interval keeps it valid
    // for 20 s, which leaves a loaded machine 10 s to start the new process.
    const { env, keys, signaller } = await world.env('killed', { ALERTMANAGER_RESEND_SECONDS: '5' })
    // Auto-recovery (no Docker here) would raise alerts of its own; this test is about the check loop's.
    const processEnv = {
      ...env,
      HEALTH_MONITOR_PORT: String(await getFreePort()),
      AUTO_RESTART_ENABLED: 'false',
    }
    const subscriber = await subscribeAlerts(world.stack.redis, keys)
    const firing = () =>
      subscriber.alerts.filter((m: Alert) => m.fingerprint === DATA_GAP && m.state === 'firing')
    const notified = () => notificationsFor(world.webhook, 'killed', 'aggr_server', 'firing')

    const first = startProcess(processEnv)
    processes.push(first)
    await waitFor(() => notified().length > 0 && firing().length > 0, {
      timeoutMs: 60_000,
      description: 'firing message and notification',
    })
    await first.kill('SIGKILL')

    const second = startProcess(processEnv)
    processes.push(second)
    const delivery = async () => (await second.get('/status')).body.alert_delivery as DeliveryStatus
    // Its tracker fires the alert anew and finds it claimed; once the dead sender's lease has expired it
    // sends to Alertmanager itself, and Alertmanager sees the same alert again.
    await waitFor(
      async () => {
        const d = await delivery()
        return d.duplicates >= 1 && d.alertmanager?.leaseHeld && d.alertmanager.sent.success > 0
      },
      { timeoutMs: 60_000, intervalMs: 250, description: 'the new process sending' },
    )
    await moreCycles(second, 3)
    signaller.stop()
    expect(firing()).toHaveLength(1)
    expect(notified()).toHaveLength(1)
    expect((await delivery()).published).toBe(0)
    await subscriber.close()
  })
})
