import { rmSync } from 'node:fs'
import { createRedisKeys } from '@squeezeflow/core'
import {
  type HarnessServer,
  renderShippedConfig,
  startAlertmanager,
  startWebhookReceiver,
  waitFor,
  writeSecrets,
} from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deliveryOf, moreCycles, type Webhook } from './alertingFixtures.js'
import {
  connectClient,
  keepSignalling,
  type Pump,
  type RunningMonitor,
  type Stack,
  startMonitor,
  startStack,
  type TestRedisClient,
  testEnv,
  waitForStatus,
  writeDashboard,
} from './monitorFixtures.js'

const keys = createRedisKeys()

describe('health-monitor with the shipped deploy/alertmanager/alertmanager.yml', () => {
  let stack: Stack
  let alertmanager: HarnessServer
  let webhook: Webhook
  let secretsDir: string
  let client: TestRedisClient
  let signaller: Pump
  let running: RunningMonitor

  beforeAll(async () => {
    webhook = await startWebhookReceiver()
    secretsDir = writeSecrets()
    ;[stack, alertmanager] = await Promise.all([
      startStack(),
      startAlertmanager({ config: renderShippedConfig(webhook.url, secretsDir) }),
    ])
    client = await connectClient(stack.redis)
    await writeDashboard(client, keys)
    signaller = keepSignalling(client, keys)
    // Away before the monitor starts: its data gap can fire within its first cycles, and must not be
    // notified before InfluxDB's alert is there to inhibit it.
    await alertmanager.kill()
    running = await startMonitor(
      // Nothing written to this measurement: aggr-server's data flow has stopped.
      testEnv(stack, {
        INFLUX_MEASUREMENT: 'trades_none',
        ALERTMANAGER_URL: alertmanager.url,
        ALERTMANAGER_RESEND_SECONDS: '1',
      }),
    )
  })
  afterAll(async () => {
    signaller.stop()
    await running.stop()
    client.destroy()
    await Promise.all([stack.stop(), alertmanager.stop(), webhook.close()])
    rmSync(secretsDir, { recursive: true, force: true })
  })

  it('notifies influxdb and holds back aggr_server’s data gap while InfluxDB is down', async () => {
    // The data gap fires while Alertmanager is away; then InfluxDB goes down too. When Alertmanager is back
    // it receives both at once, as after any outage of its own.
    await waitForStatus(running, 'aggr_server', 'critical')
    await stack.influx.kill()
    await waitForStatus(running, 'influxdb', 'critical')
    // Both alerts firing before Alertmanager is back, so they reach it in the same post: a status turns
    // critical a moment before its alert fires, and a data gap posted alone would be notified uninhibited.
    await waitFor(
      async () => {
        const detailed = await running.get('/health/detailed')
        const active = (detailed.body.alerts as { active: Array<{ service: string; state: string }> }).active
        return active.some((a) => a.service === 'influxdb' && a.state === 'firing')
      },
      { timeoutMs: 30_000, intervalMs: 200, description: 'the influxdb alert firing' },
    )
    await alertmanager.restart()

    const services = () => webhook.notifications.map((n) => n.groupLabels.service)
    await waitFor(() => services().includes('influxdb'), {
      timeoutMs: 30_000,
      description: 'influxdb notified',
    })
    await waitFor(async () => ((await deliveryOf(running)).alertmanager?.sent.success ?? 0) >= 3, {
      timeoutMs: 30_000,
      description: 'alerts posted again',
    })
    await moreCycles(running, 3)
    const aggrNotified = webhook.notifications
      .filter((n) => n.groupLabels.service === 'aggr_server')
      .flatMap((n) => n.alerts.map((a) => `${a.labels.alertname} ${a.status}`))
    expect(aggrNotified).toEqual([])
    const response = await fetch(
      `${alertmanager.url}/api/v2/alerts?filter=${encodeURIComponent('service="aggr_server"')}`,
    )
    const alerts = (await response.json()) as Array<{
      labels: Record<string, string>
      status: { state: string }
    }>
    expect(alerts.map((a) => [a.labels.alertname, a.status.state])).toEqual([['data_gap', 'suppressed']])
  })
})
