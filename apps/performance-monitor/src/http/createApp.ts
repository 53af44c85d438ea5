import { createHttpApp } from '@squeezeflow/service-kit/http'
import type { Express } from 'express'
import { alertRoutes } from './alertRoutes.js'
import { chartRoutes } from './chartRoutes.js'
import { dashboardRoutes } from './dashboardRoutes.js'
import { exportRoutes } from './exportRoutes.js'
import { healthRoutes } from './healthRoutes.js'
import { profileRoutes } from './profileRoutes.js'
import { prometheusRoutes } from './prometheusRoutes.js'
import type { AppDeps } from './types.js'

/** The HTTP app without listening, so tests drive it directly; service-kit adds the JSON 405, 404 and errors. */
export function createApp(deps: AppDeps): Express {
  const routes = [
    healthRoutes,
    prometheusRoutes,
    dashboardRoutes,
    alertRoutes,
    chartRoutes,
    exportRoutes,
    profileRoutes,
  ]
  return createHttpApp({ routes: routes.map((build) => build(deps)), logger: deps.logger })
}
