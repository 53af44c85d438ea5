import type { Alert, Clock, PerformanceAlert } from '@squeezeflow/core'
import type { Registry } from 'prom-client'
import type { RecoveryHook } from '../seams.js'
import type { HealthBody } from './createServer.js'
import type { LoopView } from './views.js'

/** What the HTTP layer shows about alerts; all of it is in memory, nothing is fetched per request. */
export interface AlertsView {
  active(): Array<Alert & { active_for_seconds: number }>
  /** What performance-monitor has announced: firing now, and the latest messages (newest first). */
  performance(): { firing: Alert[]; recent: Alert[] }
  stats(): { published: number; buffered: number; dropped: number }
  custom(): PerformanceAlert[]
}

export interface AppDeps {
  loop: LoopView
  /** The rendered `/health` response, shared with the server's fast path (see createServer). */
  healthBody: HealthBody
  alerts: AlertsView
  registry: Registry
  recovery?: RecoveryHook
  /** The Redis connection's state, for `/status`. */
  redisState: () => string
  startedAt: Date
  clock: Clock
  /** The check timeout, in seconds: a cycle in flight may legitimately take this long. */
  checkTimeoutSeconds: number
}
