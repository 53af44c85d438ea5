import { createHttpApp, createRenderCache } from '@squeezeflow/service-kit/http'
import type { Express } from 'express'
import { alertRoutes } from './alertRoutes.js'
import { chartRoutes } from './chartRoutes.js'
import { dashboardRoutes } from './dashboardRoutes.js'
import { exportRoutes } from './exportRoutes.js'
import { healthRoutes } from './healthRoutes.js'
import { profileRoutes } from './profileRoutes.js'
import { prometheusRoutes } from './prometheusRoutes.js'
import type { AppDeps, RouteDeps } from './types.js'

/**
 * Charts, `/dashboard` and `/metrics` kept per collection cycle: one render serves every viewer until the
 * next cycle (README "HTTP"). Enough for every chart of a few dashboards at a few sizes.
 */
const CACHED_RESPONSES = 256

/** The HTTP app without listening, so tests drive it directly; service-kit adds the JSON 405, 404 and errors. */
export function createApp(deps: AppDeps): Express {
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
  return createHttpApp({ routes: routes.map((build) => build(routeDeps)), logger: deps.logger })
}
