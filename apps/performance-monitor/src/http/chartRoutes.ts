import { badRequest, notFound, sendCached } from '@squeezeflow/service-kit/http'
import { Router } from 'express'
import { buildChartSpec } from '../charts/buildChartSpec.js'
import { renderChartPng, renderChartSvg } from '../charts/renderChart.js'
import { parseSize, parseWindow } from './parseQuery.js'
import type { RouteDeps } from './types.js'

const FILE = /^(?<metric>[a-zA-Z_][a-zA-Z0-9_.]{0,127})\.(?<format>png|svg)$/

/**
 * `/charts/<metric>.png` and `.svg` with `?window=&width=&height=`: the metric's line with mean and p95,
 * rendered once per collection cycle for each metric, window, size and format, with an ETag (304 for repeats).
 */
export function chartRoutes({ state, responses, generation }: RouteDeps): Router {
  const router = Router()
  router.get('/charts/:file', async (req, res) => {
    const match = FILE.exec(req.params.file)
    if (!match?.groups) throw badRequest('a chart is /charts/<metric>.png or /charts/<metric>.svg')
    const { metric, format } = match.groups as { metric: string; format: 'png' | 'svg' }
    const windowSeconds = parseWindow(req.query)
    const { width, height } = parseSize(req.query)
    if (state.store.info(metric) === undefined) throw notFound(`no metric named ${metric}`)
    const key = `${metric}.${format}?${windowSeconds ?? ''}&${width}x${height}`
    const chart = await responses.get(key, generation(), async () => {
      const summary = state.store.summary(metric, windowSeconds)
      const points = state.store.points(metric, windowSeconds) ?? []
      const spec = buildChartSpec({
        metric,
        unit: summary?.unit ?? '',
        windowSeconds,
        points,
        mean: summary?.mean ?? null,
        p95: summary?.p95 ?? null,
        width,
        height,
      })
      return format === 'svg'
        ? { body: await renderChartSvg(spec), contentType: 'image/svg+xml' }
        : { body: await renderChartPng(spec), contentType: 'image/png' }
    })
    sendCached(req, res, chart)
  })
  return router
}
