import { type Alert, createRedisKeys, type RedisKeys } from '@squeezeflow/core'
import { createClient } from 'redis'
import { TEST_PREFIX } from './startMonitor.js'

export interface AlertListener {
  keys: RedisKeys
  client: ReturnType<typeof createClient>
  received: Alert[]
  /** The messages of one alert, by fingerprint. */
  of(fingerprint: string): Alert[]
  close(): Promise<void>
}

/**
 * A plain Redis client on the test server (for HSET/HDEL as other services do) and a subscriber that collects
 * every message on `<prefix>:performance_alerts`, as other consumers of the channel see them.
 */
export async function listenForAlerts(redis: { url: string }): Promise<AlertListener> {
  const keys = createRedisKeys(TEST_PREFIX)
  const client = createClient({ url: redis.url })
  const subscriber = client.duplicate()
  await Promise.all([client.connect(), subscriber.connect()])
  const received: Alert[] = []
  await subscriber.subscribe(keys.performanceAlertsChannel, (message) =>
    received.push(JSON.parse(message) as Alert),
  )
  return {
    keys,
    client,
    received,
    of: (fingerprint: string) => received.filter((a) => a.fingerprint === fingerprint),
    async close() {
      await subscriber.close()
      await client.close()
    },
  }
}
