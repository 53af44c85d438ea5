import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { createLogger } from '@squeezeflow/service-kit/logger'
import { loadConfig } from '../../../src/config.js'
import { createPerformanceMonitor } from '../../../src/createPerformanceMonitor.js'
import type { PerformanceMonitorDeps } from '../../../src/types.js'

export const TEST_PREFIX = 'sqftest'

/** Fast cycles so tests wait seconds, not minutes. */
const FAST_ENV = {
  REDIS_PREFIX: TEST_PREFIX,
  COLLECTION_INTERVAL_SECONDS: '0.2',
  DASHBOARD_UPDATE_INTERVAL: '1',
  MEMORY_PROFILE_INTERVAL_SECONDS: '0.5',
  INGEST_BLOCK_MS: '200',
}

/** A performance-monitor in this process against the given Redis, its HTTP server on a free loopback port. */
export async function startMonitor(
  redis: { host: string; port: number },
  env: Record<string, string> = {},
  deps: Partial<PerformanceMonitorDeps> = {},
) {
  const config = loadConfig({ ...FAST_ENV, REDIS_HOST: redis.host, REDIS_PORT: String(redis.port), ...env })
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() })
  const logger = createLogger({ service: 'performance-monitor', level: 'DEBUG', json: true, stream: silent })
  const monitor = createPerformanceMonitor(config, { logger, ...deps })
  await monitor.start()
  const server = monitor.createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    monitor,
    url,
    async getJson(path: string) {
      const response = await fetch(url + path)
      return { status: response.status, body: (await response.json()) as Record<string, unknown> }
    },
    async stop() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await monitor.stop()
    },
  }
}
