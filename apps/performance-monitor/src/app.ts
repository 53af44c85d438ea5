import type { RedisConnection } from '@squeezeflow/core/redis'
import express, { type ErrorRequestHandler, type Express } from 'express'

export interface AppDeps {
  redis: RedisConnection
  startedAt: Date
}

/** Builds the HTTP app without listening, so tests drive it directly. */
export function createApp({ redis, startedAt }: AppDeps): Express {
  const app = express()
  app.disable('x-powered-by')

  app.get('/livez', (_req, res) => {
    res.json({ status: 'alive', started_at: startedAt.toISOString(), redis: redis.state() })
  })

  app.use((req, res) => {
    res.status(404).json({ error: 'not_found', message: `no route for ${req.method} ${req.path}` })
  })
  const onError: ErrorRequestHandler = (_err, _req, res, _next) => {
    res.status(500).json({ error: 'internal_error', message: 'internal error' })
  }
  app.use(onError)
  return app
}
