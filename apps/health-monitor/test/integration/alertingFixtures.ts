import { createRedisKeys, type RedisKeys } from '@squeezeflow/core'
import {
  getFreePort,
  type HarnessServer,
  startAlertmanager,
  startWebhookReceiver,
  type WebhookNotification,
  waitFor,
  webhookOnlyConfig,
} from '@squeezeflow/test-harness'
import {
  connectClient,
  keepSignalling,
  type Pump,
  type Stack,
  startStack,
  testEnv,
  writeDashboard,
} from './monitorFixtures.js'

export type Webhook = Awaited<ReturnType<typeof startWebhookReceiver>>

export interface AlertingStack {
  stack: Stack
  alertmanager: HarnessServer
  webhook: Webhook
  /** Env of a monitor under `prefix`, delivering to `alertmanager` with stack label `prefix`. */
  env(
    prefix: string,
    overrides?: Record<string, string>,
  ): Promise<{ env: Record<string, string>; signaller: Pump; keys: RedisKeys }>
  stop(): Promise<void>
}

/**
 * The stack for monitors whose aggr-server data flow has stopped (each prefix reads its own empty
 * measurement, so `data_gap` fires at once), the strategy runner signalling, a fresh dashboard, and an
 * Alertmanager that sends everything to a webhook.
 */
export async function startAlertingStack(): Promise<AlertingStack> {
  const webhook = await startWebhookReceiver()
  const [stack, alertmanager] = await Promise.all([
    startStack(),
    startAlertmanager({ config: webhookOnlyConfig(webhook.url) }),
  ])
  const client = await connectClient(stack.redis)
  return {
    stack,
    alertmanager,
    webhook,
    async env(prefix, overrides = {}) {
      const keys = createRedisKeys(prefix)
      await writeDashboard(client, keys)
      const env = testEnv(stack, {
        REDIS_PREFIX: prefix,
        ALERTMANAGER_URL: alertmanager.url,
        ALERTMANAGER_RESEND_SECONDS: '1',
        ALERTMANAGER_TIMEOUT_SECONDS: '2',
        STACK_NAME: prefix,
        // A measurement of its own: nothing written there yet, so its data flow has stopped.
        INFLUX_MEASUREMENT: `trades_${prefix}`,
        ...overrides,
      })
      return { env, keys, signaller: keepSignalling(client, keys) }
    },
    async stop() {
      client.destroy()
      await Promise.all([stack.stop(), alertmanager.stop(), webhook.close()])
    },
  }
}

/** Notifications about one service's alerts of one stack label. */
export const notificationsFor = (
  webhook: Webhook,
  stack: string,
  service: string,
  status: WebhookNotification['status'],
) =>
  webhook.notifications.filter(
    (n) =>
      n.status === status && n.alerts.some((a) => a.labels.stack === stack && a.labels.service === service),
  )

/** A monitor in this process (RunningMonitor) or in its own (MonitorProcess). */
type HttpGet = { get(path: string): Promise<{ body: Record<string, unknown> }> }

/** Resolves once the monitor has completed `count` more cycles: the loop's own progress, not time. */
export async function moreCycles(monitor: HttpGet, count: number): Promise<number> {
  const cyclesNow = async () => (await monitor.get('/status')).body.cycles as number
  const target = (await cyclesNow()) + count
  return waitFor(
    async () => {
      const cycles = await cyclesNow()
      if (cycles < target) throw new Error(`cycle ${cycles} of ${target}`)
      return cycles
    },
    { timeoutMs: 30_000, intervalMs: 200, description: `${count} more cycles` },
  )
}

/** `/status`'s `alert_delivery`, typed as far as the tests read it. */
export interface DeliveryStatus {
  published: number
  duplicates: number
  buffered: number
  alertmanager?: {
    leaseHeld: boolean
    sent: { success: number; error: number }
    urls: Array<{ failures: number }>
  }
}

export const deliveryOf = async (monitor: HttpGet) =>
  (await monitor.get('/status')).body.alert_delivery as DeliveryStatus

/** A port nothing listens on, for a dependency that is down for the whole test. */
export const deadPort = () => getFreePort()
