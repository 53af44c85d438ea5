import type { AlertingStatus } from '@squeezeflow/alerting'
import type { Alert, Clock, RejectedRule } from '@squeezeflow/core'
import type { CachedResponse, RenderedJson } from '@squeezeflow/service-kit/http'
import type { Liveness } from '@squeezeflow/service-kit/scheduling'
import type { Registry } from 'prom-client'
import type { CustomAlertRule } from '../alerts/createCustomAlerts.js'
import type { StatusPage } from '../statusPage/createStatusPage.js'
import type { RecoveryHook } from '../types.js'
import type { LoopView } from './healthSummary.js'

/** A JSON body rendered ahead of the request, and its status code (service-kit's direct path serves it too). */
export type HealthBody = RenderedJson

/** What the HTTP layer shows about alerts; all of it is in memory, nothing is fetched per request. */
export interface AlertsView {
  active(): Array<Alert & { active_for_seconds: number }>
  /** What performance-monitor has announced: firing now, and the latest messages (newest first). */
  performance(): { firing: Alert[]; recent: Alert[] }
  /** `@squeezeflow/alerting`'s counts (published, duplicates, buffered, dropped, alertmanager); null before start. */
  delivery(): AlertingStatus | null
  /** Custom rules in force (from code and from Redis) and stored rules refused, with the reason. */
  customRules(): { active: CustomAlertRule[]; rejected: RejectedRule[] }
}

export interface AppDeps {
  loop: LoopView
  /** The rendered `/health` response, shared with the server's direct path (createHealthMonitor). */
  healthBody: HealthBody
  /** `/health/detailed`, shared with the server's direct path. */
  detailedBody: HealthBody
  /** `/metrics`, collected once per cycle, shared with the server's direct path. */
  metricsBody: () => Promise<CachedResponse>
  alerts: AlertsView
  registry: Registry
  /** The recovery module, once `start()` has built it; undefined without one. */
  recovery: () => RecoveryHook | undefined
  /** The Redis connection's state, for `/status`. */
  redisState: () => string
  /** The verdict over every repeating task of the monitor, for `/livez`. */
  liveness: () => Liveness
  /** `/`, `/events`, badges and static assets; uptime for `/health/service/{name}`. */
  statusPage: Pick<StatusPage, 'routes' | 'uptime'>
  startedAt: Date
  clock: Clock
}
