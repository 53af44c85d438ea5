import type { Alert, Clock, HealthCheck, RedisKeys } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'
import type { RedisConnection } from '@squeezeflow/service-kit/redis'
import type { StatusPageConfig } from './env.js'

/** One completed check cycle; the check loop's CycleReport fits as it is. */
export interface StatusCycle {
  cycle: number
  results: ReadonlyMap<string, HealthCheck>
  criticalServices: ReadonlySet<string>
  /** Epoch ms. */
  startedAt: number
  completedAt: number
}

export type ActiveAlertView = Alert & { active_for_seconds: number }

/**
 * Everything the status page needs from the monitor, each as narrow as it gets, so mounting it takes a few
 * lines. All reads are in memory except `readDashboard`, which is called once per cycle, not per request.
 */
export interface StatusPageDeps {
  config: StatusPageConfig
  /** The latest completed cycle; undefined before the first. */
  lastCycle(): StatusCycle | undefined
  /** Registered services in display order (known before their first check). */
  serviceNames(): readonly string[]
  /** One service's recent results, newest first. */
  history(service: string): readonly HealthCheck[]
  /** Health alerts firing now. */
  activeAlerts(): readonly ActiveAlertView[]
  /** Auto-recovery's overview (RecoveryHook.summary()); null when recovery is not wired. */
  recoverySummary(): Record<string, unknown> | null
  /** The dashboard key's JSON text; null when the key is absent. May reject when Redis is away. */
  readDashboard(): Promise<string | null>
  /** Subscribes to completed cycles (the check loop's `onCycle`). */
  onCycle(listener: (cycle: StatusCycle) => void | Promise<void>): void
  /** The monitor's Redis connection, for the status history; undefined until the monitor has started. */
  redis: () => RedisConnection | undefined
  keys: RedisKeys
  clock: Clock
  /** The check interval: one result vouches for at most this much time. */
  checkIntervalSeconds: number
  /** The dashboard counts as stale after this (3 × DASHBOARD_UPDATE_INTERVAL, as the performance_monitor check). */
  dashboardStaleAfterSeconds: number
  logger: Logger
}
