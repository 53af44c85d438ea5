import { type Alert, AlertTracker, type Clock, createRedisKeys } from '@squeezeflow/core'
import { createLogger, type Logger } from '@squeezeflow/service-kit/logger'
import { createRedisConnection, type RedisConnection } from '@squeezeflow/service-kit/redis'
import type { RedisServer } from '@squeezeflow/test-harness'
import { type AlertingOptions, createAlerting } from '../src/index.js'

export const logger: Logger = createLogger({ service: 'alerting-test', level: 'ERROR', json: true })
export const keys = createRedisKeys('t')
export const SOURCE = 'health-monitor'
export const REPEAT_SECONDS = 600

export function connectTo(server: RedisServer, name: string): RedisConnection {
  return createRedisConnection({ host: server.host, port: server.port, name, logger, maxBackoffMs: 200 })
}

/** Collects every message published on `channel`. */
export async function listen(server: RedisServer, channel: string) {
  const connection = connectTo(server, 'listener')
  const messages: Alert[] = []
  await new Promise<void>((resolve) => connection.onReady(resolve))
  await connection.client.subscribe(channel, (message) => messages.push(JSON.parse(message) as Alert))
  return { messages, close: () => connection.close() }
}

/**
 * One monitor instance as the apps will wire it: its own Redis connection, core's AlertTracker (its local
 * view) and the shared announcement. Dropping it without `close` is what a SIGKILL leaves behind.
 */
export function createReplica(
  server: RedisServer,
  clock: Clock,
  name: string,
  extra: Partial<AlertingOptions> = {},
) {
  const redis = connectTo(server, name)
  const tracker = new AlertTracker({ clock, repeatIntervalSeconds: REPEAT_SECONDS })
  const alerting = createAlerting({
    redis,
    keys,
    clock,
    logger,
    source: SOURCE,
    channel: keys.alertsChannel,
    repeatSeconds: REPEAT_SECONDS,
    instanceId: name,
    ...extra,
  })
  const ready = new Promise<void>((resolve) => redis.onReady(resolve))
  return {
    redis,
    alerting,
    ready,
    /** One check cycle: observe the condition and announce what the tracker says. */
    async observe(active: boolean, service = 'aggr_server', severity: Alert['severity'] = 'critical') {
      const alert = tracker.observe({
        source: SOURCE,
        rule: service === 'influxdb' ? 'service_status' : 'data_gap',
        service,
        active,
        severity,
        message: active ? `${service} condition holds` : `${service} condition cleared`,
        value: 912,
        threshold: 600,
      })
      await alerting.announce(alert ? [alert] : [])
      alerting.markActive(tracker.active().map((a) => a.fingerprint))
    },
    async close() {
      await alerting.close()
      await redis.close()
    },
  }
}

export type Replica = ReturnType<typeof createReplica>
