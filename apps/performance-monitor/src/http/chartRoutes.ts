import { badRequest, notFound } from '@squeezeflow/service-kit/http'
import { Router } from 'express'
import { buildChartSpec } from '../charts/buildChartSpec.js'
import { renderChartPng, renderChartSvg } from '../charts/renderChart.js'
import { parseSize, parseWindow } from './parseQuery.js'
import type { AppDeps } from './types.js'

const FILE = /^(?<metric>[a-zA-Z_][a-zA-Z0-9_.]{0,127})\.(?<format>png|svg)$/

/** `/charts/<metric>.png` and `.svg` with `?window=&width=&height=`: the metric's line with mean and p95. */
export function chartRoutes({ state }: AppDeps): Router {
  const router = Router()
  router.get('/charts/:file', async (req, res) => {
    const match = FILE.exec(req.params.file)
    if (!match?.groups) throw badRequest('a chart is /charts/<metric>.png or /charts/<metric>.svg')
    const { metric, format } = match.groups as { metric: string; format: 'png' | 'svg' }
    const windowSeconds = parseWindow(req.query)
    const { width, height } = parseSize(req.query)
    const summary = state.store.summary(metric, windowSeconds)
    const points = state.store.points(metric, windowSeconds)
    if (!summary || !points) throw notFound(`no metric named ${metric}`)
    const spec = buildChartSpec({
      metric,
      unit: summary.unit,
      windowSeconds,
      points,
      mean: summary.mean,
      p95: summary.p95,
      width,
      height,
    })
    res.set('Cache-Control', 'no-store')
    if (format === 'svg') res.type('image/svg+xml').send(await renderChartSvg(spec))
    else res.type('image/png').send(await renderChartPng(spec))
  })
  return router
}
