import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import {
  type HarnessServer,
  type RedisServer,
  startAlertmanager,
  startRedis,
  waitFor,
} from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDeliveringReplica } from './alertmanagerFixture.js'
import type { Replica } from './redisFixture.js'
import { startWebhookReceiver } from './webhookReceiver.js'

const SHIPPED = fileURLToPath(new URL('../../../deploy/alertmanager/alertmanager.yml', import.meta.url))
const REPLACED = {
  webhook: 'http://alert-webhook:9095/alertmanager',
  secrets: '/etc/alertmanager/secrets/',
  groupWait: 'group_wait: 30s',
}

/**
 * The shipped file with its webhook pointed at the test's receiver, its secrets read from `secretsDir` and a
 * 1 s group_wait, so the first notification comes within the test; routes, grouping and inhibitions stay as
 * shipped.
 */
function renderShippedConfig(webhookUrl: string, secretsDir: string): string {
  const shipped = readFileSync(SHIPPED, 'utf8')
  for (const text of Object.values(REPLACED)) {
    if (!shipped.includes(text))
      throw new Error(`${SHIPPED} no longer has "${text}", which this test replaces`)
  }
  return shipped
    .replace(REPLACED.webhook, webhookUrl)
    .replaceAll(REPLACED.secrets, `${secretsDir}/`)
    .replace(REPLACED.groupWait, 'group_wait: 1s')
}

/** The secret files the shipped receivers read; Slack's points at a closed port, so its sends fail at once. */
function writeSecrets(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sqf-am-secrets-'))
  writeFileSync(join(dir, 'webhook_token'), 'test-token')
  writeFileSync(join(dir, 'slack_webhook_url'), 'http://127.0.0.1:9/slack')
  writeFileSync(join(dir, 'smtp_password'), 'unused')
  return dir
}

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
