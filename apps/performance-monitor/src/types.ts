import type { Server } from 'node:http'
import type { Clock, Dashboard } from '@squeezeflow/core'
import type { HostProbe } from '@squeezeflow/service-kit/host'
import type { Logger } from '@squeezeflow/service-kit/logger'
import type { RepeatingTask } from '@squeezeflow/service-kit/scheduling'
import type { Express } from 'express'
import type { PerformanceAlertRule } from './alerts/types.js'
import type { ProcessProbe } from './collectors/types.js'
import type { MonitorState } from './monitor/types.js'
import type { HeapSampler } from './profiling/types.js'

/** What `createPerformanceMonitor` takes besides its configuration: the logger and, for tests, the seams. */
export interface PerformanceMonitorDeps {
  logger: Logger
  /** Default: the system clock. */
  clock?: Clock
  /** Defaults: service-kit's host probe, pidusage and the inspector's sampling heap profiler. */
  hostProbe?: HostProbe
  processProbe?: ProcessProbe
  heapSampler?: HeapSampler
  /** Rules added in code, after the defaults and PERFORMANCE_ALERTS_FILE; validated, a bad one throws. */
  alertRules?: readonly unknown[]
  version?: string
}

/** The service as `main.ts` and the tests drive it. */
export interface PerformanceMonitor {
  /** The HTTP app, not listening. */
  readonly app: Express
  /** The HTTP server, not yet listening: the app, with `/health` and `/metrics` answered on a direct path. */
  createServer(): Server
  readonly state: MonitorState
  /** The timed loops (`/livez` also judges the ingest loop, which is not timed). */
  readonly tasks: readonly RepeatingTask[]
  /** Connects to Redis (in the background; never fails for its absence) and starts every loop. */
  start(): Promise<void>
  /** Stops the loops and closes Redis, each step on its own. */
  stop(): Promise<void>
  /** Adds or replaces (by name) a performance alert rule. Throws AlertDefinitionError. */
  addPerformanceAlert(definition: unknown): PerformanceAlertRule
  buildDashboard(): Dashboard
}
