import { notFound } from '@squeezeflow/service-kit/http'
import { Router } from 'express'
import { buildExport, toCsv } from '../export/buildExport.js'
import { parseMetric, parseWindow } from './parseQuery.js'
import type { AppDeps } from './types.js'

/** `/export/metrics.csv` and `/export/metrics.json`, optionally `?metric=&window=`. */
export function exportRoutes({ state, clock }: AppDeps): Router {
  const router = Router()
  const collect = (query: Record<string, unknown>) => {
    const windowSeconds = parseWindow(query)
    const metric = parseMetric(query)
    if (metric !== undefined && !state.store.info(metric)) throw notFound(`no metric named ${metric}`)
    return buildExport(state.store, {
      now: clock(),
      windowSeconds,
      names: metric === undefined ? undefined : [metric],
    })
  }
  router.get('/export/metrics.json', (req, res) => {
    res.json(collect(req.query))
  })
  router.get('/export/metrics.csv', (req, res) => {
    const csv = toCsv(collect(req.query))
    res.type('text/csv').attachment('metrics.csv').send(csv)
  })
  return router
}
