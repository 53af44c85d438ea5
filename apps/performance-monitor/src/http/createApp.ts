import type { Server } from 'node:http'
import {
  cachedRoute,
  createDirectServer,
  createHttpApp,
  createRenderCache,
  jsonRoute,
} from '@squeezeflow/service-kit/http'
import type { Express } from 'express'
import { alertRoutes } from './alertRoutes.js'
import { chartRoutes } from './chartRoutes.js'
import { dashboardRoutes } from './dashboardRoutes.js'
import { exportRoutes } from './exportRoutes.js'
import { healthRoutes, renderHealth } from './healthRoutes.js'
import { profileRoutes } from './profileRoutes.js'
import { metricsResponse, prometheusRoutes } from './prometheusRoutes.js'
import type { AppDeps, RouteDeps } from './types.js'

/**
 * Charts, `/dashboard` and `/metrics` kept per collection cycle: one render serves every viewer until the
 * next cycle (README "HTTP"). Enough for every chart of a few dashboards at a few sizes.
 */
const CACHED_RESPONSES = 256

export interface HttpLayer {
  /** The HTTP app without listening, so tests drive it directly; service-kit adds the JSON 405, 404 and errors. */
  app: Express
  /**
   * The server production listens on: the app, with `GET /health` and `/metrics`, polled all the time, answered
   * without Express's routing (service-kit's `createDirectServer`), from the same bodies as the app's routes.
   */
  createServer(): Server
}

export function createApp(deps: AppDeps): HttpLayer {
  const routeDeps: RouteDeps = {
    ...deps,
    responses: createRenderCache({ maxEntries: CACHED_RESPONSES }),
    generation: () => deps.state.cycle.lastCycleAt() ?? 0,
  }
  const routes = [
    healthRoutes,
    prometheusRoutes,
    dashboardRoutes,
    alertRoutes,
    chartRoutes,
    exportRoutes,
    profileRoutes,
  ]
  const app = createHttpApp({ routes: routes.map((build) => build(routeDeps)), logger: deps.logger })
  return {
    app,
    createServer: () =>
      createDirectServer(app, {
        '/health': jsonRoute(() => renderHealth(deps)),
        '/metrics': cachedRoute(() => metricsResponse(routeDeps)),
      }),
  }
}
