import { type Alert, type Clock, type RedisKeys, withTimeout } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'
import type { RedisConnection } from '@squeezeflow/service-kit/redis'
import { createBoundedQueue } from './createBoundedQueue.js'

export interface AlertPublisherOptions {
  keys: RedisKeys
  clock: Clock
  logger: Logger
  /** How long alerts stay in the history sorted set, in seconds. Default 24 h. */
  historySeconds: number
  /** Alerts kept while Redis is away; the oldest go first. Default 1000. */
  bufferSize: number
  /** Called for each alert once Redis has taken it. */
  onPublished?: (alert: Alert) => void
}

const SEND_TIMEOUT_MS = 5000

/**
 * Publishes alerts on `<prefix>:alerts` and records them in the 24 h history, in order. Every alert goes
 * through a bounded queue, so alerts raised while Redis is away (or before `attach`) wait there and go
 * out when it is ready.
 */
export function createAlertPublisher({
  keys,
  clock,
  logger,
  historySeconds,
  bufferSize,
  onPublished,
}: AlertPublisherOptions) {
  const log = logger.child({ module: 'alerts/publisher' })
  const queue = createBoundedQueue<Alert>(bufferSize)
  let published = 0
  let flushing: Promise<void> | undefined
  let redis: RedisConnection | undefined

  async function send(client: RedisConnection['client'], alert: Alert): Promise<void> {
    const now = clock()
    const json = JSON.stringify(alert)
    const multi = client
      .multi()
      .publish(keys.alertsChannel, json)
      .zAdd(keys.alertHistory, { score: Date.parse(alert.timestamp) || now, value: json })
      .zRemRangeByScore(keys.alertHistory, '-inf', now - historySeconds * 1000)
      .expire(keys.alertHistory, Math.ceil(historySeconds))
    await withTimeout(multi.exec(), SEND_TIMEOUT_MS, 'alert publish')
  }

  async function drain(): Promise<void> {
    for (let alert = queue.peek(); alert !== undefined && redis?.isReady(); alert = queue.peek()) {
      try {
        await send(redis.client, alert)
      } catch (err) {
        log.warn('alert publish failed, keeping it for later', { err, buffered: queue.size })
        return
      }
      queue.shift()
      published += 1
      onPublished?.(alert)
    }
  }

  function flush(): Promise<void> {
    flushing ??= drain().finally(() => {
      flushing = undefined
    })
    return flushing
  }

  return {
    /** Publishes through `connection` from now on, flushing the queue each time it becomes ready. */
    attach(connection: RedisConnection): void {
      redis = connection
      connection.onReady(() => {
        if (queue.size > 0) log.info('redis ready, publishing buffered alerts', { buffered: queue.size })
        void flush()
      })
    },
    /** Queues the alerts and starts publishing; resolves when this flush attempt ends. */
    publish(alerts: readonly Alert[]): Promise<void> {
      for (const alert of alerts) {
        const before = queue.dropped
        queue.push(alert)
        if (queue.dropped > before) log.warn('alert buffer full, dropped the oldest alert', { bufferSize })
        log.info('alert raised', {
          fingerprint: alert.fingerprint,
          state: alert.state,
          severity: alert.severity,
          alert_message: alert.message,
        })
      }
      return flush()
    },
    stats: () => ({ published, buffered: queue.size, dropped: queue.dropped }),
  }
}

export type AlertPublisher = ReturnType<typeof createAlertPublisher>
