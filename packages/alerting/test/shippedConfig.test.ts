import { execFile } from 'node:child_process'
import { rmSync } from 'node:fs'
import { promisify } from 'node:util'
import {
  type HarnessServer,
  type RedisServer,
  renderShippedConfig,
  SHIPPED_ALERTMANAGER_CONFIG as SHIPPED,
  startAlertmanager,
  startRedis,
  startWebhookReceiver,
  waitFor,
  writeSecrets,
} from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDeliveringReplica } from './alertmanagerFixture.js'
import type { Replica } from './redisFixture.js'

describe('deploy/alertmanager/alertmanager.yml', () => {
  let redis: RedisServer
  let alertmanager: HarnessServer
  let webhook: Awaited<ReturnType<typeof startWebhookReceiver>>
  let monitor: Replica
  let secretsDir: string

  beforeAll(async () => {
    webhook = await startWebhookReceiver()
    secretsDir = writeSecrets()
    ;[redis, alertmanager] = await Promise.all([
      startRedis(),
      startAlertmanager({ config: renderShippedConfig(webhook.url, secretsDir) }),
    ])
    monitor = createDeliveringReplica(redis, 'monitor', [alertmanager.url])
    await monitor.ready
  })
  afterAll(async () => {
    await monitor.alerting.settled()
    await monitor.close()
    await Promise.all([redis.stop(), alertmanager.stop(), webhook.close()])
    rmSync(secretsDir, { recursive: true, force: true })
  })

  it('passes amtool check-config', async () => {
    const { stdout } = await promisify(execFile)('amtool', ['check-config', SHIPPED])
    expect(stdout).toMatch(/SUCCESS/)
    expect(stdout).toMatch(/3 inhibit rules/)
  })

  it('holds back the symptoms while InfluxDB or Redis is critical', async () => {
    const services = () => webhook.notifications.map((n) => n.groupLabels.service)
    const tickUntilNotified = (service: string) =>
      waitFor(
        async () => {
          await monitor.alerting.tick()
          return services().includes(service)
        },
        { timeoutMs: 30_000, description: `${service} notification` },
      )
    for (const service of ['influxdb', 'redis', 'aggr_server', 'performance_monitor']) {
      await monitor.observe(true, service)
    }
    await tickUntilNotified('influxdb')
    await tickUntilNotified('redis')

    // A group formed after the symptoms' is notified after they would have been: by then they had their turn.
    await monitor.observe(true, 'system')
    await tickUntilNotified('system')
    expect(services()).not.toContain('aggr_server')
    expect(services()).not.toContain('performance_monitor')
    expect(webhook.notifications[0]?.authorization).toBe('Bearer test-token')

    for (const service of ['aggr_server', 'performance_monitor']) {
      const filter = encodeURIComponent(`service="${service}"`)
      const response = await fetch(`${alertmanager.url}/api/v2/alerts?filter=${filter}`)
      const [alert] = (await response.json()) as Array<{ status: { state: string; inhibitedBy: string[] } }>
      expect(alert?.status.state).toBe('suppressed')
      expect(alert?.status.inhibitedBy).toHaveLength(1)
    }
  })
})
