import express, { type ErrorRequestHandler, type Express, Router } from 'express'
import { HttpError } from './HttpError.js'
import { chartRoutes } from './routes/chartRoutes.js'
import { dashboardRoutes } from './routes/dashboardRoutes.js'
import { exportRoutes } from './routes/exportRoutes.js'
import { healthRoutes } from './routes/healthRoutes.js'
import { profileRoutes } from './routes/profileRoutes.js'
import { prometheusRoute } from './routes/prometheusRoute.js'
import type { AppDeps } from './types.js'

/** Builds the HTTP app without listening, so tests drive it directly. Read-only: every route is GET. */
export function createApp(deps: AppDeps): Express {
  const app = express()
  app.disable('x-powered-by')
  app.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next()
    res
      .set('Allow', 'GET, HEAD')
      .status(405)
      .json({ error: 'method_not_allowed', message: `${req.method} is not allowed` })
  })
  const router = Router()
  for (const routes of [
    healthRoutes,
    prometheusRoute,
    dashboardRoutes,
    chartRoutes,
    exportRoutes,
    profileRoutes,
  ]) {
    routes(router, deps)
  }
  app.use(router)
  app.use((req, res) => {
    res.status(404).json({ error: 'not_found', message: `no route for ${req.method} ${req.path}` })
  })
  const log = deps.logger.child({ module: 'http' })
  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: err.code, message: err.message })
      return
    }
    log.error('request failed', { method: req.method, path: req.path, err })
    res.status(500).json({ error: 'internal_error', message: 'internal error' })
  }
  app.use(onError)
  return app
}
