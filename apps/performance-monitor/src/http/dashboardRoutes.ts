import { notFound, sendCached } from '@squeezeflow/service-kit/http'
import { Router } from 'express'
import { parseMetric, parseWindow } from './parseQuery.js'
import type { RouteDeps } from './types.js'

/** `/dashboard` (the Redis dashboard's JSON, built once per collection cycle), `/metrics/summary?window=&metric=`. */
export function dashboardRoutes({ state, dashboard, clock, responses, generation }: RouteDeps): Router {
  const router = Router()
  router.get('/dashboard', async (req, res) => {
    const body = await responses.get('dashboard', generation(), async () => ({
      body: JSON.stringify(dashboard()),
      contentType: 'application/json; charset=utf-8',
    }))
    sendCached(req, res, body)
  })
  router.get('/metrics/summary', (req, res) => {
    const windowSeconds = parseWindow(req.query)
    const metric = parseMetric(req.query)
    const generated_at = new Date(clock()).toISOString()
    if (metric === undefined) {
      res.json({
        generated_at,
        window_seconds: windowSeconds ?? null,
        metrics: state.store.summaries(windowSeconds),
      })
      return
    }
    const summary = state.store.summary(metric, windowSeconds)
    if (!summary) throw notFound(`no metric named ${metric}`)
    res.json({ generated_at, window_seconds: windowSeconds ?? null, metrics: { [metric]: summary } })
  })
  return router
}
