import { randomUUID } from 'node:crypto'
import type { Alert, Clock, RedisKeys } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'
import type { AlertmanagerSettings } from './alertmanager/alertmanagerEnv.js'
import { type AlertmanagerStatus, createAlertmanagerSink } from './alertmanager/createAlertmanagerSink.js'
import { createSenderLease } from './alertmanager/createSenderLease.js'
import type { FetchFn } from './alertmanager/postAlerts.js'
import { createAlertAnnouncer } from './state/createAlertAnnouncer.js'
import { createAlertStore } from './state/createAlertStore.js'
import type { AlertingRedis, AlertRecord } from './types.js'

export interface AlertingOptions {
  redis: AlertingRedis
  keys: RedisKeys
  clock: Clock
  logger: Logger
  /** The `source` of this app's alerts, e.g. `health-monitor`; one shared state and one sender per source. */
  source: string
  /** pub/sub channel each transition is published on (once across all instances). */
  channel: string
  /** The app's alert repeat interval, in seconds: a firing alert is re-announced at most this often. */
  repeatSeconds: number
  /**
   * A firing alert no instance has announced or marked active for this long is resolved. Default
   * 2 × repeatSeconds + 60: enough for apps that only announce. Apps that call `markActive` every cycle can
   * use a few cycles, so an alert whose condition cleared while its monitor was down resolves soon.
   */
  staleSeconds?: number
  /** Transitions kept while Redis is away. Default 1000. */
  bufferSize?: number
  /** Also record each published transition in this sorted set. */
  history?: { key: string; retentionSeconds: number }
  /** Undefined: no Alertmanager delivery (alerts still go to the channel). */
  alertmanager?: AlertmanagerSettings
  /** This monitor's page for a service, appended to ALERT_GENERATOR_URL. Default `/health/service/<service>`. */
  generatorPath?: (alert: Alert) => string
  /** Identifies this instance in the sender lease. Default: a random UUID. */
  instanceId?: string
  fetch?: FetchFn
  /** Called for each transition this instance published. */
  onPublished?: (alert: Alert) => void
}

export interface AlertingStatus {
  published: number
  /** Transitions another instance (or this one before a restart) had already announced. */
  duplicates: number
  buffered: number
  dropped: number
  alertmanager?: AlertmanagerStatus
}

/**
 * Alert announcement shared by all instances of one source, and its delivery to Alertmanager. It owns no
 * timer: the app calls `announce` with its tracker's transitions and `tick` on its own schedule.
 */
export function createAlerting(options: AlertingOptions) {
  const { redis, keys, clock, logger, source, alertmanager } = options
  const resolvedRetentionSeconds = alertmanager?.resolvedResendSeconds ?? 900
  const store = createAlertStore({
    redis,
    keys,
    clock,
    source,
    channel: options.channel,
    repeatSeconds: options.repeatSeconds,
    resolvedRetentionSeconds,
    ...(options.history ? { history: options.history } : {}),
  })
  const announcer = createAlertAnnouncer({
    store,
    redis,
    clock,
    logger,
    bufferSize: options.bufferSize ?? 1000,
    // Every instance that sees a firing condition claims a repeat within one repeat interval (plus a cycle).
    staleSeconds: options.staleSeconds ?? 2 * options.repeatSeconds + 60,
    ...(options.onPublished ? { onPublished: options.onPublished } : {}),
  })
  const resendMs = (alertmanager?.resendSeconds ?? 0) * 1000
  // Shorter than the 4 resend intervals an alert stays valid in Alertmanager, so a new sender takes over
  // before anything expires there; at least 10 s, so a short resend interval does not make it flap.
  const leaseMs = Math.max(2 * resendMs, 10_000)
  const sink = alertmanager
    ? createAlertmanagerSink({
        settings: alertmanager,
        store,
        lease: createSenderLease(
          redis,
          keys.alertmanagerSenderLease(source),
          options.instanceId ?? randomUUID(),
          leaseMs,
        ),
        // Under a 5 s resend interval that floor outlasts 4 intervals: alerts must outlive a dead sender's
        // lease, or Alertmanager resolves them (and notifies again) before the next sender posts.
        validMs: Math.max(4 * resendMs, leaseMs + 2 * resendMs),
        clock,
        logger,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.generatorPath ? { generatorPath: options.generatorPath } : {}),
      })
    : undefined

  let ticking: Promise<void> | undefined
  async function runTick(): Promise<void> {
    await announcer.tick()
    await sink?.tick()
  }

  return {
    /** Queues transitions from the app's tracker and claims them; never rejects. Await it or not. */
    announce: (alerts: readonly Alert[]) => announcer.announce(alerts),
    /** Fingerprints whose condition holds now (the tracker's pending and firing ones); see `staleSeconds`. */
    markActive: (fingerprints: readonly string[]) => announcer.markActive(fingerprints),
    /**
     * Marks what is active, retries buffered transitions, resolves stale ones, renews the sender lease and
     * starts due sends. Call every few seconds (at most half the resend interval apart). Never rejects, never
     * waits on HTTP; a call while one runs joins it.
     */
    tick(): Promise<void> {
      ticking ??= runTick().finally(() => {
        ticking = undefined
      })
      return ticking
    },
    /** The source's firing and recently resolved alerts as shared in Redis; rejects when Redis fails. */
    recent: (): Promise<AlertRecord[]> => store.listRecent(),
    status(): AlertingStatus {
      return { ...announcer.stats(), ...(sink ? { alertmanager: sink.status() } : {}) }
    },
    /** Sends still in flight have ended (tests, shutdown). */
    settled: async (): Promise<void> => sink?.settled(),
    /** Releases the sender lease so another instance takes over at once. Never rejects. */
    close: async (): Promise<void> => sink?.release(),
  }
}

export type Alerting = ReturnType<typeof createAlerting>
