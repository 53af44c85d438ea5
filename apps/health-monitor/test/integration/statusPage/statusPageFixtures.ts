import { request as httpRequest, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  type Alert,
  type Clock,
  createRedisKeys,
  type HealthCheck,
  type HealthStatus,
} from '@squeezeflow/core'
import { createHttpApp } from '@squeezeflow/service-kit/http'
import { createLogger, type Logger } from '@squeezeflow/service-kit/logger'
import { createRedisConnection, type RedisConnection } from '@squeezeflow/service-kit/redis'
import { startRedis } from '@squeezeflow/test-harness'
import { createStatusPage, type StatusPage } from '../../../src/statusPage/createStatusPage.js'
import type { StatusPageConfig } from '../../../src/statusPage/env.js'
import type { ActiveAlertView, StatusCycle, StatusPageDeps } from '../../../src/statusPage/types.js'

export const SERVICES = [
  'redis',
  'influxdb',
  'aggr_server',
  'strategy_runner',
  'system',
  'performance_monitor',
]
export const INTERVAL_SECONDS = 30

export const quietLogger = (): Logger =>
  createLogger({ service: 'status-page-test', level: 'ERROR', json: true })

/**
 * Stands in for the check loop until the status page is mounted in the monitor: it produces cycles with the
 * statuses a test asks for and hands them to the page as the loop's `onCycle` would.
 */
export function createFakeMonitor(options: {
  redisPort: number
  clock: Clock
  config?: Partial<StatusPageConfig>
}) {
  const logger = quietLogger()
  const keys = createRedisKeys()
  const redis: RedisConnection = createRedisConnection({
    host: '127.0.0.1',
    port: options.redisPort,
    name: 'status-page-test',
    logger,
  })
  const listeners: Array<(cycle: StatusCycle) => void | Promise<void>> = []
  const histories = new Map<string, HealthCheck[]>()
  const alerts: ActiveAlertView[] = []
  let last: StatusCycle | undefined
  let number = 0

  const deps: StatusPageDeps = {
    config: { enabled: true, maxClients: 100, heartbeatSeconds: 15, ...options.config },
    lastCycle: () => last,
    serviceNames: () => SERVICES,
    history: (name) => histories.get(name) ?? [],
    activeAlerts: () => alerts,
    recoverySummary: () => null,
    readDashboard: () => redis.client.get(keys.performanceDashboard),
    onCycle: (listener) => void listeners.push(listener),
    redis: () => redis,
    keys,
    clock: options.clock,
    checkIntervalSeconds: INTERVAL_SECONDS,
    dashboardStaleAfterSeconds: 90,
    logger,
  }

  return {
    deps,
    redis,
    keys,
    alerts,
    /** Completes one cycle at the clock's time; services not named are healthy. */
    async cycle(
      statuses: Partial<Record<string, HealthStatus>> = {},
      message = 'all good',
    ): Promise<StatusCycle> {
      const now = options.clock()
      const results = new Map<string, HealthCheck>()
      for (const name of SERVICES) {
        const status = statuses[name] ?? 'healthy'
        const result: HealthCheck = {
          name,
          status,
          message: status === 'healthy' ? message : `${name} is ${status}`,
          details: {},
          response_time_ms: 1,
          timestamp: new Date(now).toISOString(),
        }
        results.set(name, result)
        histories.set(name, [result, ...(histories.get(name) ?? [])].slice(0, 100))
      }
      number += 1
      last = {
        cycle: number,
        results,
        criticalServices: new Set(SERVICES),
        startedAt: now - 5,
        completedAt: now,
      }
      for (const listener of listeners) await listener(last)
      return last
    },
    /** Resolves once the Redis connection is ready (it connects in the background). */
    ready: () => new Promise<void>((resolve) => redis.onReady(resolve)),
    close: () => redis.close(),
  }
}

/** The page's routes on an app built the way both services build theirs, listening on a free port. */
export async function serveStatusPage(
  page: StatusPage,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const app = createHttpApp({ routes: [page.routes()], logger: quietLogger() })
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: async () => {
      await page.stop()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export interface SseFrame {
  event: string
  data: string
}

/** A raw `/events` client that collects frames (no EventSource in Node 20). */
export function openEventStream(
  url: string,
): Promise<{ response: IncomingMessage; frames: SseFrame[]; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/events`, { agent: false }, (response) => {
      const frames: SseFrame[] = []
      let buffer = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        buffer += chunk
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const fields = new Map(
            block
              .split('\n')
              .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
          )
          if (fields.has('event'))
            frames.push({ event: fields.get('event') ?? '', data: fields.get('data') ?? '' })
        }
      })
      response.on('error', () => undefined)
      resolve({ response, frames, close: () => req.destroy() })
    })
    req.on('error', reject)
    req.end()
  })
}

/** Real redis-server, the fake monitor, the started status page and its HTTP server; `stop()` ends all four. */
export async function startStatusPageStack(clock: Clock) {
  const redis = await startRedis()
  const monitor = createFakeMonitor({ redisPort: redis.port, clock })
  await monitor.ready()
  const page = createStatusPage(monitor.deps)
  await page.start()
  const served = await serveStatusPage(page)
  return {
    redis,
    monitor,
    page,
    served,
    async stop() {
      await served.close()
      await monitor.close()
      await redis.stop()
    },
  }
}

/** The alert health-monitor raises when aggr-server stops writing, as the publisher hands it on. */
export function dataGapAlert(at: string): Alert {
  return {
    source: 'health-monitor',
    rule: 'data_gap',
    service: 'aggr_server',
    fingerprint: 'health-monitor/data_gap/aggr_server',
    severity: 'critical',
    state: 'firing',
    message: 'aggr-server: no data written for 12 min',
    duration_seconds: 0,
    started_at: at,
    repeat: false,
    timestamp: at,
  }
}
