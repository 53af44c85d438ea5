import { gzipSync } from 'node:zlib'
import { type Alert, errorMessage, type HealthStatus, withTimeout } from '@squeezeflow/core'
import { createRepeatingTask } from '@squeezeflow/service-kit/scheduling'
import { Router } from 'express'
import { createStatusHistoryStore } from '../adapters/statusHistoryStore.js'
import { buildStatusView, type StatusView } from './buildStatusView.js'
import { createStatusHistory, type ServiceUptime } from './createStatusHistory.js'
import { createDashboardTracker } from './dashboardTracker.js'
import { createRecoveryEventDetector } from './recoveryEvents.js'
import { type PageAssets, pageTitle, renderPage, renderSections, type Sections } from './renderPage.js'
import { createSseHub } from './sseHub.js'
import { loadStaticAssets } from './staticAssets.js'
import { UPTIME_WINDOWS, type UptimeWindow } from './statusBuckets.js'
import { statusPageRoutes } from './statusPageRoutes.js'
import type { StatusCycle, StatusPageDeps } from './types.js'

/** What `/events` sends after each cycle (event `cycle`): the verdict in JSON and the re-rendered sections. */
export interface CycleEvent {
  cycle: number
  completed_at: string
  overall: HealthStatus
  services: Record<string, { status: HealthStatus; message: string }>
  title: string
  html: Sections
}

/** The loop awaits its cycle listeners: a slow Redis must not hold up the next cycle for long. */
const REDIS_TIMEOUT_MS = 2000

/**
 * The live status page and the status history behind uptime. Building it opens nothing: `start()` restores
 * the history from Redis and starts the keep-alive task; each cycle (via `deps.onCycle`) records statuses in
 * one pipelined write, reads the dashboard once, renders the sections once and sends them to every client.
 * With STATUS_PAGE_ENABLED=false the history and uptime still work; the routes are empty.
 */
export function createStatusPage(deps: StatusPageDeps) {
  const { config, clock } = deps
  const log = deps.logger.child({ module: 'statusPage' })
  const history = createStatusHistory({ clock, intervalMs: deps.checkIntervalSeconds * 1000 })
  const store = createStatusHistoryStore(deps.redis, deps.keys)
  const dashboard = createDashboardTracker({ staleAfterSeconds: deps.dashboardStaleAfterSeconds })
  const hub = createSseHub({ maxClients: config.maxClients })
  const recoveryEvents = createRecoveryEventDetector()
  const assets = config.enabled ? loadStaticAssets() : undefined
  // The page of the latest cycle: a function until first served, then the page itself.
  let rendered: { html: string; gzipped: Buffer } | (() => { html: string; gzipped: Buffer }) | undefined
  function page(urls: PageAssets): { html: string; gzipped: Buffer } {
    if (typeof rendered === 'function') rendered = rendered()
    return rendered ?? renderNow(view(deps.lastCycle()), urls)
  }
  let restored = false
  const heartbeat = createRepeatingTask({
    name: 'status-page-keepalive',
    intervalMs: config.heartbeatSeconds * 1000,
    run: async () => hub.heartbeat(),
    logger: deps.logger,
    clock,
  })

  async function restore(): Promise<void> {
    try {
      const hashes = await withTimeout(
        store.load(deps.serviceNames()),
        REDIS_TIMEOUT_MS,
        'status history load',
      )
      for (const [service, hash] of hashes) history.restore(service, hash)
      restored = true
    } catch (err) {
      log.warn('status history not restored from Redis; will retry next cycle', { err: errorMessage(err) })
    }
  }

  async function refreshDashboard(): Promise<void> {
    try {
      dashboard.update({ text: await withTimeout(deps.readDashboard(), REDIS_TIMEOUT_MS, 'dashboard read') })
    } catch (err) {
      dashboard.update({ problem: `Redis read failed: ${errorMessage(err)}` })
    }
  }

  function view(cycle: StatusCycle | undefined): StatusView {
    const now = clock()
    return buildStatusView({
      now,
      cycle,
      serviceNames: deps.serviceNames(),
      history: deps.history,
      statusHistory: history,
      alerts: deps.activeAlerts(),
      recovery: deps.recoverySummary(),
      dashboard: dashboard.view(now),
    })
  }

  function renderNow(v: StatusView, urls: PageAssets, sections = renderSections(v)) {
    const html = renderPage(sections, pageTitle(v), urls, deps.checkIntervalSeconds)
    return { html, gzipped: gzipSync(html) }
  }

  async function onCycle(cycle: StatusCycle): Promise<void> {
    if (!restored) await restore()
    const writes = history.record(cycle.results.values(), cycle.completedAt)
    await withTimeout(store.save(writes), REDIS_TIMEOUT_MS, 'status history save').catch((err: unknown) =>
      log.warn('status history not saved', { err: errorMessage(err) }),
    )
    if (!assets) return
    await refreshDashboard()
    const v = view(cycle)
    // Rendered once, and only when asked for (a page load or an event stream): at rest nobody looks.
    let sections: Sections | undefined
    const sectionsOf = () => {
      sections ??= renderSections(v)
      return sections
    }
    const urls = assets.urls
    rendered = () => renderNow(v, urls, sectionsOf())
    hub.offer(
      'cycle',
      (): CycleEvent => ({
        cycle: cycle.cycle,
        completed_at: new Date(cycle.completedAt).toISOString(),
        overall: v.overall,
        services: Object.fromEntries(
          v.services.map((s) => [s.name, { status: s.status, message: s.message }]),
        ),
        title: pageTitle(v),
        html: sectionsOf(),
      }),
    )
    for (const change of recoveryEvents(v.recovery)) hub.publish('recovery', change)
  }
  deps.onCycle(onCycle)

  const uptime = (service: string, window: UptimeWindow): ServiceUptime => history.uptime(service, window)

  return {
    /** Mount with the other route modules (empty when the page is disabled). */
    routes(): Router {
      if (!assets) return Router()
      return statusPageRoutes({
        page: () => page(assets.urls),
        hub,
        replayEvents: ['cycle'],
        assets: assets.byUrl,
        serviceStatus: (name) =>
          deps.serviceNames().includes(name)
            ? (deps.lastCycle()?.results.get(name)?.status ?? 'unknown')
            : undefined,
        uptime,
      })
    },
    /** `{ service, window, ratio, checked_seconds, unknown_seconds }` for `/health/service/{name}` and `/metrics`. */
    uptime,
    /** Every registered service in every window, for `squeezeflow_service_uptime_ratio{service,window}`. */
    uptimeAll: (): ServiceUptime[] =>
      deps.serviceNames().flatMap((service) => UPTIME_WINDOWS.map((window) => uptime(service, window))),
    /** Sends an alert to the open pages as it is published (hook it to the alert publisher's `onPublished`). */
    publishAlert(alert: Alert): void {
      if (config.enabled) hub.publish('alert', alert)
    },
    /** For `/livez`: the keep-alive task of `/events`. */
    tasks: config.enabled ? [heartbeat] : [],
    stats: hub.stats,
    async start(): Promise<void> {
      await restore()
      if (!config.enabled) return
      await refreshDashboard()
      heartbeat.start()
    },
    /** Ends every `/events` stream so the HTTP server can close. */
    async stop(): Promise<void> {
      await heartbeat.stop()
      hub.closeAll()
    },
  }
}

export type StatusPage = ReturnType<typeof createStatusPage>
