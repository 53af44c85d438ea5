import { type Alert, type Clock, withTimeout } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'
import type { AlertingRedis } from '../types.js'
import type { AlertStore } from './createAlertStore.js'
import { createBoundedQueue } from './createBoundedQueue.js'
import { staleResolution } from './staleResolution.js'

export interface AlertAnnouncerOptions {
  store: AlertStore
  redis: AlertingRedis
  clock: Clock
  logger: Logger
  /** Transitions kept while Redis is away; the oldest go first. */
  bufferSize: number
  /** A firing alert no instance has announced for this long is resolved (see staleResolution). */
  staleSeconds: number
  /** Called for each transition this instance published (not for those another instance had). */
  onPublished?: (alert: Alert) => void
}

/** How often the shared records are scanned for stale firing alerts. */
const SWEEP_INTERVAL_MS = 60_000
/** A Redis that accepts connections but does not answer must not hold the queue forever. */
const REDIS_TIMEOUT_MS = 5000

/**
 * Announces transitions in order, each at most once across all instances: every transition goes through a
 * bounded queue and is claimed in Redis, so one raised while Redis is away is claimed (or found already
 * claimed by another instance) when it returns.
 */
export function createAlertAnnouncer(options: AlertAnnouncerOptions) {
  const { store, redis, clock, onPublished } = options
  const log = options.logger.child({ module: 'alerting/announcer' })
  const queue = createBoundedQueue<Alert>(options.bufferSize)
  const staleMs = options.staleSeconds * 1000
  let published = 0
  let duplicates = 0
  let lastSweepMs = Number.NEGATIVE_INFINITY
  // A fresh instance first marks what it sees for a whole stale period: after a long outage of every
  // replica, the records' marks are old, and sweeping at once would resolve alerts that still hold.
  const sweepFromMs = clock() + staleMs
  let flushing: Promise<void> | undefined
  let activeNow: readonly string[] = []

  async function drain(): Promise<void> {
    for (let alert = queue.peek(); alert !== undefined && redis.isReady(); alert = queue.peek()) {
      try {
        // A claim that times out here and completes later is found claimed on retry: still one announcement.
        const result = await withTimeout(store.claim(alert), REDIS_TIMEOUT_MS, 'alert claim')
        if (result.claimed) {
          published += 1
          onPublished?.(result.published)
        } else {
          duplicates += 1
          log.debug('alert transition not published', {
            fingerprint: alert.fingerprint,
            reason: result.reason,
          })
        }
      } catch (err) {
        log.warn('alert claim failed, keeping it for later', { err, buffered: queue.size })
        return
      }
      queue.shift()
    }
  }

  function flush(): Promise<void> {
    flushing ??= drain().finally(() => {
      flushing = undefined
    })
    return flushing
  }

  function enqueue(alerts: readonly Alert[]): void {
    for (const alert of alerts) {
      if (queue.push(alert) > 0) log.warn('alert buffer full, dropped the oldest alert', { size: queue.size })
    }
  }

  async function touchActive(): Promise<void> {
    if (activeNow.length === 0 || !redis.isReady()) return
    const fingerprints = activeNow
    activeNow = []
    try {
      await withTimeout(store.touch(fingerprints), REDIS_TIMEOUT_MS, 'alert touch')
    } catch (err) {
      log.warn('marking alerts active failed', { err })
    }
  }

  async function sweep(now: number): Promise<void> {
    if (now < sweepFromMs || now - lastSweepMs < SWEEP_INTERVAL_MS || !redis.isReady()) return
    lastSweepMs = now
    try {
      const records = await withTimeout(store.listRecent(), REDIS_TIMEOUT_MS, 'alert sweep')
      const stale = records.flatMap((r) => staleResolution(r, now, staleMs) ?? [])
      if (stale.length > 0) log.info('resolving alerts no monitor reports any more', { count: stale.length })
      enqueue(stale)
    } catch (err) {
      log.warn('stale alert sweep failed', { err })
    }
  }

  return {
    /** Queues transitions and starts claiming them; resolves when this attempt ends. Never rejects. */
    announce(alerts: readonly Alert[]): Promise<void> {
      enqueue(alerts)
      return flush()
    },
    /**
     * The fingerprints whose condition holds now (pending or firing in the app's tracker), sent with the next
     * tick. An app that says so every cycle keeps its firing alerts from being resolved as stale.
     */
    markActive(fingerprints: readonly string[]): void {
      activeNow = [...fingerprints]
    },
    /** Marks what is active, resolves stale alerts and retries what is buffered. */
    async tick(): Promise<void> {
      await touchActive()
      await sweep(clock())
      await flush()
    },
    stats: () => ({ published, duplicates, buffered: queue.size, dropped: queue.dropped }),
  }
}

export type AlertAnnouncer = ReturnType<typeof createAlertAnnouncer>
