import type { Logger } from '@squeezeflow/service-kit/logger'
import type { RedisConnection } from '@squeezeflow/service-kit/redis'
import type { PerformanceAlertBook } from './createPerformanceAlertBook.js'

/**
 * Subscribes a dedicated connection to the performance alert channel once it is first ready; node-redis
 * re-subscribes by itself after every reconnect.
 */
export function subscribePerformanceAlerts(
  subscriber: RedisConnection,
  channel: string,
  book: PerformanceAlertBook,
  logger: Logger,
): void {
  const log = logger.child({ module: 'alerts/performance' })
  let subscribed = false
  const listener = (message: string) => {
    if (!book.receive(message)) log.warn('ignored a performance alert that is not an alert', { channel })
  }
  subscriber.onReady(() => {
    if (subscribed) return
    subscribed = true
    subscriber.client.subscribe(channel, listener).then(
      () => log.info('subscribed to performance alerts', { channel }),
      (err: unknown) => {
        subscribed = false
        log.warn('subscribe failed, retrying on the next reconnect', { channel, err })
      },
    )
  })
}
