import type { Dashboard } from '@squeezeflow/core'
import type { RenderCache } from '@squeezeflow/service-kit/http'
import type { Logger } from '@squeezeflow/service-kit/logger'
import type { Watched } from '@squeezeflow/service-kit/scheduling'
import type { Registry } from 'prom-client'
import type { MonitorState } from '../monitor/types.js'

/** What the HTTP routes read; all of it is the running monitor's. */
export interface AppDeps {
  state: MonitorState
  /** Every loop, judged by `/livez`. */
  watched: readonly Watched[]
  /** Prometheus registry served on /metrics. */
  registry: Registry
  /** Builds the dashboard as it would be written to Redis now. */
  dashboard(): Dashboard
  clock: () => number
  logger: Logger
}

/** What the route modules get: the app's dependencies and the responses rendered once per collection cycle. */
export interface RouteDeps extends AppDeps {
  responses: RenderCache
  /** The current cycle: cached responses of an older one are rendered again. */
  generation(): number
}
