import type { HealthStatus } from '@squeezeflow/core'
import { type Request, type Response, Router } from 'express'
import { notFoundBadge, statusBadge, uptimeBadge } from './badgeSvg.js'
import type { ServiceUptime } from './createStatusHistory.js'
import type { SseHub } from './sseHub.js'
import type { StaticAsset } from './staticAssets.js'
import { isUptimeWindow, type UptimeWindow } from './statusBuckets.js'

export interface StatusPageRouteDeps {
  /** The page as it stands: HTML text and its gzip, both cached per cycle. */
  page(): { html: string; gzipped: Buffer }
  hub: SseHub
  /** Events a new `/events` client gets at once (the latest cycle), so it need not wait for the next. */
  replayEvents: readonly string[]
  assets: ReadonlyMap<string, StaticAsset>
  /** The latest status of a registered service; undefined for an unknown name. */
  serviceStatus(name: string): HealthStatus | undefined
  uptime(name: string, window: UptimeWindow): ServiceUptime
}

/** No inline script or style, nothing from elsewhere: the page and its assets come from this monitor only. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const acceptsGzip = (req: Request) => /\bgzip\b/.test(req.get('accept-encoding') ?? '')

function sendBadge(res: Response, status: number, svg: string): void {
  res
    .status(status)
    .set({
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    })
    .set('Content-Security-Policy', "default-src 'none'")
    .send(svg)
}

/** `/`, `/events`, `/badge/<service>.svg`, `/badge/<service>/uptime.svg` and `/static/<hashed name>`. */
export function statusPageRoutes(deps: StatusPageRouteDeps): Router {
  const router = Router()

  router.get('/', (req, res) => {
    const { html, gzipped } = deps.page()
    res.set({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      Vary: 'Accept-Encoding',
    })
    if (acceptsGzip(req)) res.set('Content-Encoding', 'gzip').send(gzipped)
    else res.send(html)
  })

  router.get('/events', (req, res) => {
    // Set before the hub's first write sends them; a refused client gets the JSON headers instead.
    res.set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    })
    const remove = deps.hub.add(res, deps.replayEvents)
    if (!remove) {
      res.removeHeader('X-Accel-Buffering')
      res
        .status(503)
        .set({ 'Retry-After': '30', 'Cache-Control': 'no-store' })
        .json({
          error: 'too_many_clients',
          message: `the status stream already has ${deps.hub.size()} clients (STATUS_PAGE_MAX_CLIENTS)`,
        })
      return
    }
    req.socket.setNoDelay(true)
    req.on('close', remove)
    res.on('close', remove)
  })

  router.get('/badge/:service/uptime.svg', (req, res) => {
    const { service } = req.params
    const window = req.query.window ?? '24h'
    if (deps.serviceStatus(service) === undefined) return sendBadge(res, 404, notFoundBadge(service))
    if (!isUptimeWindow(window)) return sendBadge(res, 404, notFoundBadge(`window ${String(window)}`))
    sendBadge(res, 200, uptimeBadge(service, window, deps.uptime(service, window).ratio))
  })

  router.get('/badge/:file', (req, res, next) => {
    const { file } = req.params
    if (!file.endsWith('.svg')) return next()
    const service = file.slice(0, -'.svg'.length)
    const status = deps.serviceStatus(service)
    if (status === undefined) return sendBadge(res, 404, notFoundBadge(service))
    sendBadge(res, 200, statusBadge(service, status))
  })

  router.get('/static/:file', (req, res, next) => {
    const asset = deps.assets.get(req.path)
    if (!asset) return next()
    res.set({
      'Content-Type': asset.type,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
    })
    if (acceptsGzip(req)) res.set('Content-Encoding', 'gzip').send(asset.gzipped)
    else res.send(asset.body)
  })

  return router
}
