import { Router } from 'express'
import { UPTIME_WINDOWS } from '../statusPage/statusBuckets.js'
import { serviceView } from './healthSummary.js'
import type { AppDeps } from './types.js'

/** `/health`, `/health/detailed`, `/health/service/:name` and its history, all from the last cycle. */
export function healthRoutes({ loop, healthBody, detailedBody, recovery, statusPage }: AppDeps): Router {
  const router = Router()

  router.get('/health', (_req, res) => {
    const { statusCode, body } = healthBody()
    res.status(statusCode).type('application/json').send(body)
  })

  router.get('/health/detailed', (_req, res) => {
    const { statusCode, body } = detailedBody()
    res.status(statusCode).type('application/json').send(body)
  })

  router.get('/health/service/:name', (req, res) => {
    const result = loop.results().get(req.params.name)
    if (!result) return unknownService(res, req.params.name, loop.names())
    res.json({
      ...serviceView(loop, result),
      uptime: UPTIME_WINDOWS.map((window) => statusPage.uptime(result.name, window)),
      recovery: recovery()?.statusFor(result.name) ?? null,
    })
  })

  router.get('/health/service/:name/history', (req, res) => {
    const { name } = req.params
    if (!loop.has(name)) return unknownService(res, name, loop.names())
    const results = loop.history(name)
    res.json({ name, count: results.length, results })
  })

  return router
}

function unknownService(res: import('express').Response, name: string, known: string[]): void {
  res.status(404).json({ error: 'not_found', message: `unknown service "${name}"`, services: known })
}
