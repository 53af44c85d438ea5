import type { Logger } from '@squeezeflow/service-kit/logger'
import express, { type Express } from 'express'
import { createErrorHandler, notFound, onlyGet } from './http/errors.js'
import { healthRoutes } from './http/healthRoutes.js'
import { statusRoutes } from './http/statusRoutes.js'
import type { AppDeps } from './http/types.js'

export type { AlertsView, AppDeps } from './http/types.js'

/** Builds the HTTP app without listening, so tests drive it directly. Requests never run a check. */
export function createApp(deps: AppDeps & { logger: Logger }): Express {
  const log = deps.logger.child({ module: 'http' })
  const app = express()
  app.disable('x-powered-by')
  app.disable('etag')
  app.set('json spaces', 0)
  app.use(onlyGet)
  app.use(healthRoutes(deps))
  app.use(statusRoutes(deps))
  app.get('/metrics', async (_req, res, next) => {
    try {
      const body = await deps.registry.metrics()
      res.type(deps.registry.contentType).send(body)
    } catch (err) {
      next(err)
    }
  })
  app.use(notFound)
  app.use(createErrorHandler((err) => log.error('request failed', { err })))
  return app
}
