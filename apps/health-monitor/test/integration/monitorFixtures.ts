import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type ActiveAlert, createRedisKeys, type HealthCheck, type RedisKeys } from '@squeezeflow/core'
import { createLogger } from '@squeezeflow/service-kit/logger'
import {
  type InfluxServer,
  type RedisServer,
  startInflux,
  startRedis,
  waitFor,
} from '@squeezeflow/test-harness'
import { createClient } from 'redis'
import { loadConfig } from '../../src/config.js'
import {
  createHealthMonitor,
  type HealthMonitor,
  type HealthMonitorDeps,
} from '../../src/createHealthMonitor.js'
import { dashboard } from '../fixtures/dashboard.js'

export const DB = 'significant_trades'
export const RP = 'aggr_1s'
export const MEASUREMENT = 'trades_1s'
const MARKETS = ['BINANCE:btcusdt', 'BINANCE:ethusdt', 'BITFINEX:BTCUSD']
const keys = createRedisKeys()

export interface Stack {
  redis: RedisServer
  influx: InfluxServer
  aggr: { url: string; close(): Promise<void> }
  stop(): Promise<void>
}

/** Real redis-server and influxd (database and retention policy created), and a stand-in aggr-server HTTP API. */
export async function startStack(): Promise<Stack> {
  const [redis, influx, aggr] = await Promise.all([startRedis(), startInflux(), startFakeAggrServer()])
  await influx.query(`CREATE DATABASE ${DB}`)
  await influx.query(`CREATE RETENTION POLICY ${RP} ON ${DB} DURATION 1d REPLICATION 1`)
  return {
    redis,
    influx,
    aggr,
    stop: async () => void (await Promise.all([redis.stop(), influx.stop(), aggr.close()])),
  }
}

/** aggr-server is outside our system: a tiny HTTP server answering 200 stands in for its API. */
export async function startFakeAggrServer() {
  const server: Server = createServer((_req, res) => res.end('ok'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Short windows and thresholds, by configuration only; system thresholds at 100% so a busy CI host is no incident. */
export function testEnv(stack: Stack, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_HOST: stack.redis.host,
    REDIS_PORT: String(stack.redis.port),
    INFLUX_HOST: stack.influx.host,
    INFLUX_PORT: String(stack.influx.port),
    AGGR_SERVER_URL: stack.aggr.url,
    HEALTH_CHECK_INTERVAL: '1',
    CHECK_TIMEOUT_SECONDS: '5',
    DATA_FLOW_WINDOW_MINUTES: '0.5',
    MIN_RECENT_POINTS: '1',
    SIGNAL_STALL_SECONDS: '600',
    DASHBOARD_UPDATE_INTERVAL: '600',
    CPU_WARNING_PERCENT: '100',
    MEMORY_WARNING_PERCENT: '100',
    DISK_WARNING_PERCENT: '100',
    LOG_LEVEL: 'ERROR',
    ...overrides,
  }
}

export interface RunningMonitor {
  monitor: HealthMonitor
  url: string
  get(path: string): Promise<{ status: number; body: Record<string, unknown>; text: string }>
  service(name: string): Promise<HealthCheck>
  stop(): Promise<void>
}

/** The whole monitor in this process, listening on a free port, configured through its real env parsing. */
export async function startMonitor(
  env: Record<string, string>,
  deps: Omit<HealthMonitorDeps, 'logger'> = {},
): Promise<RunningMonitor> {
  const config = loadConfig(env)
  const logger = createLogger({ service: 'health-monitor-test', level: config.logLevel, json: true })
  const monitor = createHealthMonitor(config, { logger, ...deps })
  const server = monitor.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  await monitor.start()
  const get = async (path: string) => {
    const response = await fetch(`${url}${path}`)
    const text = await response.text()
    const body = response.headers.get('content-type')?.includes('json')
      ? (JSON.parse(text) as Record<string, unknown>)
      : {}
    return { status: response.status, body, text }
  }
  return {
    monitor,
    url,
    get,
    service: async (name) => (await get(`/health/service/${name}`)).body as unknown as HealthCheck,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await monitor.stop()
    },
  }
}

/** Waits until a service reports `status`, and returns that result. */
export function waitForStatus(
  running: RunningMonitor,
  name: string,
  status: string,
  timeoutMs = 20_000,
): Promise<HealthCheck> {
  return waitFor(
    async () => {
      const result = await running.service(name)
      if (result.status !== status) throw new Error(`${name} is ${result.status}: ${result.message}`)
      return result
    },
    { timeoutMs, intervalMs: 200, description: `${name} ${status}` },
  )
}

const ns = (ms: number) => `${BigInt(Math.round(ms)) * 1_000_000n}`

/** Something the stack does over and over (write points, publish signals) until stopped; can start again. */
export interface Pump {
  start(): void
  stop(): void
}

function createPump(step: () => Promise<unknown>, everyMs: number): Pump {
  let timer: NodeJS.Timeout | undefined
  const run = () => void step().catch(() => undefined)
  const pump = {
    start() {
      if (timer) return
      run()
      timer = setInterval(run, everyMs)
    },
    stop() {
      clearInterval(timer)
      timer = undefined
    },
  }
  pump.start()
  return pump
}

export type TestRedisClient = ReturnType<typeof createClient>

/** aggr-server at work: a point per market every 250 ms, stamped with the current time. */
export function keepWriting(influx: InfluxServer, measurement = MEASUREMENT): Pump {
  return createPump(() => {
    const now = ns(Date.now())
    const lines = MARKETS.map(
      (market) => `${measurement},market=${market} vbuy=1.5,vsell=0.5,cbuy=3i,csell=1i ${now}`,
    )
    return influx.write(lines.join('\n'), DB, RP)
  }, 250)
}

/** A Redis client for the test's own writes; it survives the server going away and coming back. */
export async function connectClient(redis: RedisServer): Promise<TestRedisClient> {
  const client = createClient({ url: redis.url, socket: { reconnectStrategy: () => 100 } })
  client.on('error', () => undefined)
  await client.connect()
  return client
}

/** The strategy runner at work: INCR of the signal counter every 200 ms. */
export function keepSignalling(client: TestRedisClient, keys: RedisKeys): Pump {
  return createPump(() => client.incr(keys.signalsPublished), 200)
}

/** performance-monitor's dashboard, freshly written. */
export async function writeDashboard(
  client: TestRedisClient,
  keys: RedisKeys,
  activeAlerts: ActiveAlert[] = [],
) {
  const written = dashboard(new Date().toISOString(), activeAlerts)
  await client.set(keys.performanceDashboard, JSON.stringify(written), { EX: 3600 })
}

export interface BusyStack extends Stack {
  client: TestRedisClient
  writer: Pump
  signaller: Pump
}

/** The stack at work: aggr-server writing, the strategy runner signalling, the dashboard written once. */
export async function startBusyStack(dashboardAlerts: ActiveAlert[] = []): Promise<BusyStack> {
  const stack = await startStack()
  const client = await connectClient(stack.redis)
  await writeDashboard(client, keys, dashboardAlerts)
  const writer = keepWriting(stack.influx)
  const signaller = keepSignalling(client, keys)
  return {
    ...stack,
    client,
    writer,
    signaller,
    async stop() {
      writer.stop()
      signaller.stop()
      client.destroy()
      await stack.stop()
    },
  }
}

export { subscribeAlerts } from './subscribeAlerts.js'
