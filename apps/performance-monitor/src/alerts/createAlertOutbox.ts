import type { Alert } from '@squeezeflow/core'

/**
 * Alerts waiting to be published, in order. A transition that happens while Redis is down is kept (up to
 * `capacity`, oldest dropped first) and sent when publishing works again, so a firing or resolved message is not
 * lost to a short outage.
 */
export interface AlertOutbox {
  readonly size: number
  /** Alerts dropped because the outbox was full. */
  readonly dropped: number
  enqueue(alerts: readonly Alert[]): void
  /** Publishes in order and stops at the first failure, which stays queued. */
  flush(publish: (alert: Alert) => Promise<void>): Promise<{ sent: number; error?: unknown }>
}

export function createAlertOutbox(capacity = 100): AlertOutbox {
  const queue: Alert[] = []
  let dropped = 0
  return {
    get size() {
      return queue.length
    },
    get dropped() {
      return dropped
    },
    enqueue(alerts) {
      queue.push(...alerts)
      const excess = queue.length - capacity
      if (excess > 0) {
        queue.splice(0, excess)
        dropped += excess
      }
    },
    async flush(publish) {
      let sent = 0
      while (queue.length > 0) {
        try {
          await publish(queue[0] as Alert)
        } catch (error) {
          return { sent, error }
        }
        queue.shift()
        sent += 1
      }
      return { sent }
    },
  }
}
