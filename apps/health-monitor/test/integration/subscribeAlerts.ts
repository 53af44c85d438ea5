import type { Alert, RedisKeys } from '@squeezeflow/core'
import type { RedisServer } from '@squeezeflow/test-harness'
import { createClient } from 'redis'

/** Collects what is published on `<prefix>:alerts`, through a real subscriber. */
export async function subscribeAlerts(redis: RedisServer, keys: RedisKeys) {
  const subscriber = createClient({ url: redis.url })
  // The server may go first at the end of a failed test; that is no reason for an unhandled error.
  subscriber.on('error', () => undefined)
  await subscriber.connect()
  const alerts: Alert[] = []
  await subscriber.subscribe(keys.alertsChannel, (message) => {
    alerts.push(JSON.parse(message) as Alert)
  })
  return { alerts, close: () => subscriber.close().catch(() => subscriber.destroy()) }
}
