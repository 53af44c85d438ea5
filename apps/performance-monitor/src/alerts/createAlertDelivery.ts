import {
  type Alerting,
  type AlertingRedis,
  type AlertingStatus,
  type AlertmanagerSettings,
  createAlerting,
} from '@squeezeflow/alerting'
import type { Alert, Clock, RedisKeys } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'

export interface AlertDeliveryOptions {
  keys: RedisKeys
  clock: Clock
  logger: Logger
  /** ALERT_REPEAT_INTERVAL: a firing alert is re-announced at most this often across all instances. */
  repeatSeconds: number
  /** COLLECTION_INTERVAL_SECONDS: every cycle marks the conditions that hold. */
  collectionIntervalSeconds: number
  alertmanager: AlertmanagerSettings | undefined
  /** Transitions kept while Redis is away. */
  bufferSize: number
}

/** Seconds between ticks: retries, stale sweep, lease renewal and due sends (README, "Alert delivery"). */
const TICK_SECONDS = 5
/** Ticks a firing alert may go unmarked before it counts as stale: marks reach Redis on ticks only. */
const STALE_TICKS = 3

/**
 * performance-monitor's side of `@squeezeflow/alerting`: a handle the composition root builds at once and
 * opens in `start()` on the monitor's Redis connection. Before that it announces nothing and reports no status.
 */
export function createAlertDelivery(options: AlertDeliveryOptions) {
  const { alertmanager } = options
  // Alertmanager wants sends at most half a resend interval apart.
  const tickSeconds = Math.min(TICK_SECONDS, alertmanager ? alertmanager.resendSeconds / 2 : TICK_SECONDS)
  const staleSeconds = Math.max(5 * options.collectionIntervalSeconds, STALE_TICKS * tickSeconds)
  let alerting: Alerting | undefined

  return {
    tickIntervalMs: tickSeconds * 1000,
    /** Creates the shared announcement on `redis`; idempotent. */
    open(redis: AlertingRedis): void {
      alerting ??= createAlerting({
        redis,
        keys: options.keys,
        clock: options.clock,
        logger: options.logger,
        source: 'performance-monitor',
        channel: options.keys.performanceAlertsChannel,
        repeatSeconds: options.repeatSeconds,
        staleSeconds,
        // The dashboard is this monitor's one page about a service's performance.
        generatorPath: () => '/dashboard',
        alertmanager,
        bufferSize: options.bufferSize,
      })
    },
    /** Never throws; each transition is published once across all instances. */
    announce(alerts: readonly Alert[]): void {
      void alerting?.announce(alerts)
    },
    markActive(fingerprints: readonly string[]): void {
      alerting?.markActive(fingerprints)
    },
    tick: async (): Promise<void> => alerting?.tick(),
    /** Undefined before `open`. */
    status: (): AlertingStatus | undefined => alerting?.status(),
    /** Posts to Alertmanager so far, for `squeezeflow_alertmanager_sent_total`. */
    sent: () => alerting?.status().alertmanager?.sent ?? { success: 0, error: 0 },
    /** Releases the sender lease. Never rejects. */
    close: async (): Promise<void> => alerting?.close(),
  }
}

export type AlertDelivery = ReturnType<typeof createAlertDelivery>
