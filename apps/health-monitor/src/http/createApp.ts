import { createHttpApp } from '@squeezeflow/service-kit/http'
import type { Logger } from '@squeezeflow/service-kit/logger'
import type { Express } from 'express'
import { healthRoutes } from './healthRoutes.js'
import { metricsRoutes } from './metricsRoutes.js'
import { statusRoutes } from './statusRoutes.js'
import type { AppDeps } from './types.js'

/** The HTTP app without listening, so tests drive it directly. Requests never run a check. */
export function createApp(deps: AppDeps & { logger: Logger }): Express {
  return createHttpApp({
    routes: [healthRoutes(deps), statusRoutes(deps), metricsRoutes(deps), deps.statusPage.routes()],
    logger: deps.logger,
  })
}
