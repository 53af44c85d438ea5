import type { AlertingStatus } from '@squeezeflow/alerting'
import type { HarnessServer, RedisServer } from '@squeezeflow/test-harness'
import {
  startAlertmanager,
  startRedis,
  startWebhookReceiver,
  waitFor,
  webhookOnlyConfig,
} from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// The alerting package's own stand-ins for what lies outside the system: a chat bridge behind Alertmanager.
import { type AlertListener, listenForAlerts } from './helpers/listenForAlerts.js'
import { startMonitor } from './helpers/startMonitor.js'
import { waitForValue } from './helpers/waitForValue.js'

/** A condition every instance sees at once: its own process holds memory. */
const rssRule = (threshold: number) => ({
  name: 'rss_seen',
  metric_name: 'process_memory_rss_mb',
  threshold_value: threshold,
  comparison: 'gt',
  duration_seconds: 0,
  severity: 'warning',
  message_template: 'rss is {value} MB',
})
const FINGERPRINT = 'performance-monitor/rss_seen/performance-monitor'

type Monitor = Awaited<ReturnType<typeof startMonitor>>
const isFiring = (m: Monitor) => m.monitor.state.evaluator.firing().some((a) => a.rule === 'rss_seen')
const lastCycleAt = (m: Monitor) => m.monitor.state.cycle.lastCycleAt() ?? 0
/** Waits until every instance has run collection cycles for one more second, and one more delivery tick. */
const moreCycles = async (monitors: Monitor[]) => {
  const marks = new Map(monitors.map((m) => [m, lastCycleAt(m) + 1000]))
  await waitFor(() => monitors.every((m) => lastCycleAt(m) > (marks.get(m) ?? 0)))
  await Promise.all(monitors.map((m) => m.monitor.tasks.find((t) => t.name === 'alert-delivery')?.runNow()))
}

describe('performance alerts through @squeezeflow/alerting (real redis-server)', () => {
  let redis: RedisServer
  let listener: AlertListener

  beforeAll(async () => {
    redis = await startRedis()
    listener = await listenForAlerts(redis)
  })
  afterAll(async () => {
    await listener?.close()
    await redis?.stop()
  })

  it('publishes one message per transition from two instances seeing the same condition', async () => {
    const { client, keys } = listener
    const a = await startMonitor(redis, { INGEST_CONSUMER: 'pm-a' })
    const b = await startMonitor(redis, { INGEST_CONSUMER: 'pm-b' })
    try {
      await client.hSet(keys.alertRules, 'rss_seen', JSON.stringify(rssRule(0)))
      await waitFor(() => isFiring(a) && isFiring(b), { description: 'both instances firing' })
      await moreCycles([a, b])
      expect(listener.of(FINGERPRINT).map((m) => m.state)).toEqual(['firing'])

      await client.hSet(keys.alertRules, 'rss_seen', JSON.stringify(rssRule(1e9)))
      await waitFor(() => !isFiring(a) && !isFiring(b), { description: 'both instances resolved' })
      await waitFor(() => listener.of(FINGERPRINT).length === 2, { description: 'the resolved message' })
      await moreCycles([a, b])
      expect(listener.of(FINGERPRINT).map((m) => m.state)).toEqual(['firing', 'resolved'])
      // Each instance announced both transitions; between them they published each once.
      const delivery = await Promise.all(
        [a, b].map(async (m) => (await m.getJson('/alerts')).body.delivery as AlertingStatus),
      )
      expect(delivery.map((d) => d.published + d.duplicates)).toEqual([2, 2])
      expect(delivery.map((d) => d.published).reduce((x, y) => x + y, 0)).toBe(2)
    } finally {
      await Promise.all([a.stop(), b.stop()])
      await client.hDel(keys.alertRules, 'rss_seen')
    }
  })

  describe('with a real Alertmanager', () => {
    let alertmanager: HarnessServer
    let webhook: Awaited<ReturnType<typeof startWebhookReceiver>>

    beforeAll(async () => {
      webhook = await startWebhookReceiver()
      alertmanager = await startAlertmanager({ config: webhookOnlyConfig(webhook.url) })
    })
    afterAll(async () => {
      await alertmanager?.stop()
      await webhook?.close()
    })

    it('delivers the firing alert with its labels, then its resolution', async () => {
      const service = await startMonitor(
        redis,
        {
          REDIS_PREFIX: 'sqfam',
          ALERTMANAGER_URL: alertmanager.url,
          ALERTMANAGER_RESEND_SECONDS: '1',
          STACK_NAME: 'test-stack',
          ALERT_GENERATOR_URL: 'http://perf.test:8081/',
        },
        { alertRules: [rssRule(0)] },
      )
      try {
        const notification = (status: string) =>
          webhook.notifications.find((n) => n.groupLabels.alertname === 'rss_seen' && n.status === status)
        const firing = await waitForValue(() => notification('firing'), {
          timeoutMs: 30_000,
          description: 'the firing notification',
        })
        expect(firing.alerts).toHaveLength(1)
        expect(firing.alerts[0]).toMatchObject({
          status: 'firing',
          labels: {
            alertname: 'rss_seen',
            service: 'performance-monitor',
            severity: 'warning',
            source: 'performance-monitor',
            stack: 'test-stack',
          },
          annotations: { summary: expect.stringMatching(/^rss is \d+(\.\d+)? MB$/) },
          generatorURL: 'http://perf.test:8081/dashboard',
        })

        service.monitor.addPerformanceAlert({ ...rssRule(0), enabled: false })
        const resolved = await waitForValue(() => notification('resolved'), {
          timeoutMs: 30_000,
          description: 'the resolved notification',
        })
        expect(resolved.alerts[0]?.labels).toEqual(firing.alerts[0]?.labels)
        const body = (await service.getJson('/alerts')).body
        expect(body.delivery).toMatchObject({
          alertmanager: { leaseHeld: true, urls: [{ url: alertmanager.url, failures: 0 }] },
        })
        expect(
          (body.rules as Array<{ name: string; origin: string }>).find((r) => r.name === 'rss_seen'),
        ).toMatchObject({
          origin: 'code',
          enabled: false,
        })
        const metrics = await (await fetch(`${service.url}/metrics`)).text()
        expect(metrics).toMatch(/^squeezeflow_alertmanager_sent_total\{result="success"\} [1-9]/m)
      } finally {
        await service.stop()
      }
    })
  })
})
