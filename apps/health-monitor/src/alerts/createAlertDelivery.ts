import {
  type Alerting,
  type AlertingRedis,
  type AlertingStatus,
  createAlerting,
  registerAlertmanagerMetrics,
} from '@squeezeflow/alerting'
import type { Alert, Clock, RedisKeys } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'
import { createRepeatingTask } from '@squeezeflow/service-kit/scheduling'
import type { Registry } from 'prom-client'
import type { HealthMonitorConfig } from '../config.js'

export interface AlertDeliveryOptions {
  config: Pick<HealthMonitorConfig, 'alerts' | 'checkIntervalSeconds'>
  keys: RedisKeys
  clock: Clock
  logger: Logger
  /** Called for each transition this instance published on the channel. */
  onPublished: (alert: Alert) => void
}

/** The README asks for a tick every few seconds, at most half the Alertmanager resend interval apart. */
const TICK_MS = 5000

/**
 * health-monitor's side of `@squeezeflow/alerting` (README "Alert delivery"): announces the check loop's and
 * recovery's transitions once across replicas, marks what still holds, and runs the `alert-delivery` task
 * that retries, sweeps and sends to Alertmanager. Builds nothing that talks to Redis before `open`.
 */
export function createAlertDelivery({ config, keys, clock, logger, onPublished }: AlertDeliveryOptions) {
  const log = logger.child({ module: 'alerts/delivery' })
  const { alertmanager } = config.alerts
  let alerting: Alerting | undefined
  // Transitions announced before `open` (none from the loop, which starts later; perhaps from code).
  const early: Alert[] = []
  // Recovery's own alerts are not in the evaluator's tracker: the ones firing are marked active from here,
  // or the stale sweep would resolve a "restart did not help" that still holds.
  const recoveryFiring = new Set<string>()

  const task = createRepeatingTask({
    name: 'alert-delivery',
    intervalMs: alertmanager ? Math.min(TICK_MS, alertmanager.resendSeconds * 500) : TICK_MS,
    run: async () => alerting?.tick(),
    logger: log,
    clock,
  })

  function announce(alerts: readonly Alert[]): void {
    for (const alert of alerts) {
      log.info('alert raised', {
        fingerprint: alert.fingerprint,
        state: alert.state,
        severity: alert.severity,
        alert_message: alert.message,
      })
    }
    if (alerting) {
      void alerting.announce(alerts)
      return
    }
    // Bounded like the package's own buffer: the oldest go first.
    early.push(...alerts)
    if (early.length > config.alerts.bufferSize) early.splice(0, early.length - config.alerts.bufferSize)
  }

  return {
    task,
    /**
     * Creates the shared alerting on the monitor's connection and registers its metrics. `silenceSeconds`:
     * how long some alerts may go unmarked by every instance (RecoveryHook.alertSilenceSeconds).
     */
    open(redis: AlertingRedis, registry: Registry, silenceSeconds = 0): void {
      if (alerting) return
      alerting = createAlerting({
        redis,
        keys,
        clock,
        logger,
        source: 'health-monitor',
        channel: keys.alertsChannel,
        repeatSeconds: config.alerts.repeatIntervalSeconds,
        // markActive runs every cycle, so a few missed cycles mean no instance sees the alert any more.
        staleSeconds: Math.max(
          5 * config.checkIntervalSeconds,
          silenceSeconds + 2 * config.checkIntervalSeconds,
        ),
        history: { key: keys.alertHistory, retentionSeconds: config.alerts.historySeconds },
        bufferSize: config.alerts.bufferSize,
        ...(alertmanager ? { alertmanager } : {}),
        generatorPath: (alert) => `/health/service/${encodeURIComponent(alert.service)}`,
        onPublished,
      })
      registerAlertmanagerMetrics(registry, alerting)
      if (early.length > 0) void alerting.announce(early.splice(0))
    },
    /** The check loop's transitions of one cycle. Never blocks or throws. */
    announce,
    /** One alert of auto-recovery (RecoveryContext.publishAlert). Never blocks or throws. */
    announceRecovery(alert: Alert): void {
      if (alert.state === 'firing') recoveryFiring.add(alert.fingerprint)
      else if (alert.state === 'resolved') recoveryFiring.delete(alert.fingerprint)
      announce([alert])
    },
    /** The evaluator's pending and firing fingerprints, once per cycle. */
    markActive(fingerprints: readonly string[]): void {
      alerting?.markActive([...fingerprints, ...recoveryFiring])
    },
    /** Counts for `/status` and `/health/detailed`; null before `open`. */
    status: (): AlertingStatus | null => alerting?.status() ?? null,
    /** Transitions waiting for Redis. */
    buffered: () => (alerting?.status().buffered ?? 0) + early.length,
    /** Releases the Alertmanager sender lease. Never rejects. */
    close: async (): Promise<void> => alerting?.close(),
  }
}

export type AlertDelivery = ReturnType<typeof createAlertDelivery>
