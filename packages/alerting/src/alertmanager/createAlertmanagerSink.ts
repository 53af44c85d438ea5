import { type Alert, type Clock, errorMessage, withTimeout } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'
import type { AlertStore } from '../state/createAlertStore.js'
import type { AlertmanagerSettings } from './alertmanagerEnv.js'
import type { SenderLease } from './createSenderLease.js'
import { type FetchFn, postAlerts } from './postAlerts.js'
import { type AlertmanagerAlert, toAlertmanagerAlert } from './toAlertmanagerAlert.js'
import { afterSend, initialUrlState, isSendDue, type UrlState } from './urlSchedule.js'

export interface AlertmanagerSinkOptions {
  settings: AlertmanagerSettings
  store: Pick<AlertStore, 'listRecent' | 'version'>
  lease: SenderLease
  clock: Clock
  logger: Logger
  /** Default: Node's global fetch. */
  fetch?: FetchFn
  /** This monitor's page for a service, under `settings.generatorUrl`. */
  generatorPath?: (alert: Alert) => string
  /** How long a posted firing alert stays valid in Alertmanager. Default 4 resend intervals. */
  validMs?: number
}

/** What `/status` shows of delivery. */
export interface AlertmanagerStatus {
  leaseHeld: boolean
  sent: { success: number; error: number }
  urls: Array<{
    url: string
    inFlight: boolean
    failures: number
    lastSuccessAt?: string
    lastError?: string
    retryAt?: string
  }>
}

const iso = (ms: number) => new Date(ms).toISOString()
const REDIS_TIMEOUT_MS = 5000

/**
 * Delivers the source's firing and recently resolved alerts to every Alertmanager, from the one instance
 * that holds the sender lease. `tick` decides and starts the posts but never awaits them, so an Alertmanager
 * that hangs or is down costs the caller nothing; each post has a timeout and a failed one is retried with
 * bounded backoff.
 */
export function createAlertmanagerSink(options: AlertmanagerSinkOptions) {
  const { settings, store, lease, clock, generatorPath } = options
  const log = options.logger.child({ module: 'alerting/alertmanager' })
  const fetchFn = options.fetch ?? globalThis.fetch
  const resendMs = settings.resendSeconds * 1000
  const resolvedMs = settings.resolvedResendSeconds * 1000
  const states = new Map<string, UrlState>(settings.urls.map((url) => [url, initialUrlState()]))
  const sent = { success: 0, error: 0 }
  const inFlight = new Set<Promise<void>>()
  let leaseHeld = false

  async function payload(now: number): Promise<AlertmanagerAlert[]> {
    const records = await withTimeout(store.listRecent(), REDIS_TIMEOUT_MS, 'alertmanager payload')
    const context = {
      now,
      resendMs,
      ...settings,
      ...(options.validMs === undefined ? {} : { validMs: options.validMs }),
      ...(generatorPath ? { generatorPath } : {}),
    }
    return records
      .filter((r) => r.state === 'firing' || (r.resolvedAt ?? 0) >= now - resolvedMs)
      .map((r) => toAlertmanagerAlert(r, context))
  }

  function send(url: string, alerts: AlertmanagerAlert[], version: string, startedMs: number): void {
    const state = states.get(url) ?? initialUrlState()
    states.set(url, { ...state, inFlight: true })
    const done = postAlerts(fetchFn, url, alerts, settings.timeoutSeconds * 1000).then(
      () => finish(url, startedMs, version),
      (err: unknown) => finish(url, startedMs, version, errorMessage(err)),
    )
    inFlight.add(done)
    void done.finally(() => inFlight.delete(done))
  }

  function finish(url: string, startedMs: number, version: string, error?: string): void {
    const before = states.get(url) ?? initialUrlState()
    const after = afterSend(before, startedMs, clock(), version, resendMs, error)
    states.set(url, after)
    if (error === undefined) {
      sent.success += 1
      if (before.failures > 0) log.info('alertmanager reachable again', { url })
      return
    }
    sent.error += 1
    if (before.failures === 0) log.warn('alertmanager send failed, will retry', { url, error })
  }

  return {
    /** Renews the lease and starts the posts that are due; resolves without waiting for them. Never rejects. */
    async tick(): Promise<void> {
      leaseHeld = await lease.confirm()
      if (!leaseHeld) return
      try {
        const now = clock()
        const version = await withTimeout(store.version(), REDIS_TIMEOUT_MS, 'alert version')
        const due = [...states].filter(([, s]) => isSendDue(s, now, version, resendMs)).map(([url]) => url)
        if (due.length === 0) return
        const alerts = await payload(now)
        for (const url of due) send(url, alerts, version, now)
      } catch (err) {
        log.warn('alertmanager payload could not be read from redis', { err })
      }
    },
    status(): AlertmanagerStatus {
      return {
        leaseHeld,
        sent: { ...sent },
        urls: [...states].map(([url, s]) => ({
          url,
          inFlight: s.inFlight,
          failures: s.failures,
          ...(s.lastSuccessMs === undefined ? {} : { lastSuccessAt: iso(s.lastSuccessMs) }),
          ...(s.lastError === undefined ? {} : { lastError: s.lastError }),
          ...(s.failures > 0 ? { retryAt: iso(s.retryAtMs) } : {}),
        })),
      }
    },
    /** Resolves when the posts started so far have ended (for shutdown and tests). */
    async settled(): Promise<void> {
      await Promise.all([...inFlight])
    },
    release: () => lease.release(),
  }
}

export type AlertmanagerSink = ReturnType<typeof createAlertmanagerSink>
