import express, { type Express, type Router } from 'express'
import type { Logger } from '../logger/createLogger.js'
import { jsonErrors, noRoute, onlyReads } from './jsonHandlers.js'

export interface HttpAppOptions {
  /** Route modules, each built as `xRoutes(deps): Router`, mounted in order. */
  routes: readonly Router[]
  logger: Logger
}

/**
 * The Express app both services serve, without listening (tests drive it directly): read-only methods,
 * the given routes, then JSON 404 and error answers. Express's automatic ETag is off: routes that can
 * answer 304 set their own validators.
 */
export function createHttpApp({ routes, logger }: HttpAppOptions): Express {
  const log = logger.child({ module: 'http' })
  const app = express()
  app.disable('x-powered-by')
  app.disable('etag')
  app.set('json spaces', 0)
  app.use(onlyReads)
  for (const router of routes) app.use(router)
  app.use(noRoute)
  app.use(jsonErrors((err, path) => log.error('request failed', { path, err })))
  return app
}
