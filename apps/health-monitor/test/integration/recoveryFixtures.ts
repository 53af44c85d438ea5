import { createRedisKeys, type HealthCheck, type RedisKeys } from '@squeezeflow/core'
import { createLogger, type Logger } from '@squeezeflow/service-kit/logger'
import { createRedisConnection, type RedisConnection } from '@squeezeflow/service-kit/redis'
import {
  BUSYBOX_IMAGE_TAG,
  type DockerDaemon,
  type InfluxServer,
  type RedisServer,
  startDockerd,
  startInflux,
  startRedis,
  waitFor,
} from '@squeezeflow/test-harness'
import Docker from 'dockerode'
import { createDockerContainers } from '../../src/adapters/createDockerContainers.js'
import { createInfluxAdapter } from '../../src/adapters/createInfluxAdapter.js'
import { createRecovery, type Recovery } from '../../src/recovery/createRecovery.js'
import { loadRecoveryConfig } from '../../src/recovery/loadRecoveryConfig.js'
import { checkResult } from '../fixtures/checkResults.js'

export const DB = 'significant_trades'
export const RP = 'aggr_1s'
export const quietLogger = (): Logger =>
  createLogger({ service: 'recovery-test', level: 'ERROR', json: true })

/** A long-running container labelled like a compose service; busybox's default command idles and exits on SIGTERM. */
export async function startLabelledContainer(
  docker: Docker,
  project: string,
  composeService: string,
): Promise<Docker.Container> {
  const container = await docker.createContainer({
    Image: BUSYBOX_IMAGE_TAG,
    Labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': composeService },
    HostConfig: { NetworkMode: 'none' },
  })
  await container.start()
  return container
}

export async function startedAt(container: Docker.Container): Promise<string> {
  return (await container.inspect()).State.StartedAt
}

const ns = (ms: number) => `${BigInt(ms) * 1_000_000n}`

/** Writes `count` trades points to `measurement`, the newest at `newestMs`, one second apart. */
export async function writeTrades(
  influx: InfluxServer,
  measurement: string,
  newestMs: number,
  count = 5,
): Promise<void> {
  const lines = Array.from(
    { length: count },
    (_, i) => `${measurement},market=BINANCE:btcusdt vbuy=1,vsell=2 ${ns(newestMs - i * 1000)}`,
  )
  await influx.write(lines.join('\n'), DB, RP)
}

/** aggr-server back at work: a point every 200 ms, stamped with the current time, until stopped. */
export function keepWriting(influx: InfluxServer, measurement: string): { stop(): void } {
  const timer = setInterval(
    () => void writeTrades(influx, measurement, Date.now(), 1).catch(() => undefined),
    200,
  )
  return { stop: () => clearInterval(timer) }
}

/**
 * The check results the check loop would hand over, computed from the real InfluxDB: influxdb critical
 * when it does not answer, aggr_server's data gap from its newest point (unhealthy > 5 min, critical > 10 min).
 */
export async function observe(
  influx: InfluxServer,
  measurement: string,
): Promise<ReadonlyMap<string, HealthCheck>> {
  const results = new Map<string, HealthCheck>([['redis', checkResult('redis', 'healthy')]])
  let newest: string | undefined
  try {
    const res = await influx.query(`SELECT last(vbuy) FROM "${RP}"."${measurement}"`, DB)
    newest = res.results[0]?.series?.[0]?.values[0]?.[0] as string | undefined
    results.set('influxdb', checkResult('influxdb', 'healthy'))
  } catch (error) {
    results.set('influxdb', checkResult('influxdb', 'critical', {}, `influxdb unreachable: ${String(error)}`))
    const details = { data_flow_healthy: null, dependency_down: 'influxdb' }
    results.set(
      'aggr_server',
      checkResult('aggr_server', 'unknown', details, 'data flow unknown: influxdb query failed'),
    )
    return results
  }
  const gap = newest === undefined ? 999 : (Date.now() - Date.parse(newest)) / 60_000
  const status = gap > 10 ? 'critical' : gap > 5 ? 'unhealthy' : 'healthy'
  const details = {
    container_running: true,
    data_gap_minutes: gap,
    last_write_time: newest ?? null,
    data_flow_healthy: status === 'healthy',
  }
  results.set('aggr_server', checkResult('aggr_server', status, details, `data gap ${gap.toFixed(1)} min`))
  return results
}

export interface Instance {
  recovery: Recovery
  redis: RedisConnection
  keys: RedisKeys
  close(): Promise<void>
}

/** One health-monitor's recovery, wired the way main.ts wires it, with env overrides for shortened windows. */
export async function startRecovery(opts: {
  daemon: { socketPath: string } | DockerDaemon
  redis: RedisServer
  influx: InfluxServer
  prefix: string
  measurement: string
  env: Record<string, string>
  instanceId?: string
}): Promise<Instance> {
  const logger = quietLogger()
  const config = loadRecoveryConfig({ RESTART_STOP_TIMEOUT_SECONDS: '1', ...opts.env })
  const keys = createRedisKeys(opts.prefix)
  const redis = createRedisConnection({
    host: opts.redis.host,
    port: opts.redis.port,
    name: 'recovery-test',
    logger,
  })
  await waitFor(() => redis.isReady(), { description: 'redis connection' })
  const docker = createDockerContainers({
    endpoint: { ...config.docker, socketPath: opts.daemon.socketPath },
    targets: config.containers,
    restartable: new Set(config.services),
    logger,
  })
  const recovery = createRecovery({
    config,
    docker,
    redis,
    keys,
    logger,
    instanceId: opts.instanceId,
    verifyPollMs: 200,
    publishAlert: (alert) =>
      void redis.client.publish(keys.alertsChannel, JSON.stringify(alert)).catch(() => undefined),
    dataResumedSince: createInfluxAdapter(
      {
        host: opts.influx.host,
        port: opts.influx.port,
        database: DB,
        retentionPolicy: RP,
        measurement: opts.measurement,
        field: 'vbuy',
      },
      5000,
    ).dataResumedSince,
  })
  return {
    recovery,
    redis,
    keys,
    async close() {
      await recovery.close()
      await redis.close()
    },
  }
}

/** One loop cycle: hand results over, then wait for the cycle and any restart and verification it started. */
export async function cycle(recovery: Recovery, results: ReadonlyMap<string, HealthCheck>): Promise<void> {
  recovery.afterCycle(results)
  await recovery.idle()
}

export type ServiceStatus = {
  enabled: boolean
  available: boolean
  reason?: string
  leader: boolean
  restarts_in_window: Array<{ at: string; outcome: string; reason: string }>
  budget_left: number
  next_allowed_at: string | null
  held_back_by?: string
  last_decision: { action: string; reason?: string } | null
  history_source: string | null
  container: { running: boolean; started_at?: string } | null
}

export const statusOf = (recovery: Recovery, service = 'aggr_server') =>
  recovery.statusFor(service) as ServiceStatus

export interface RecoveryServers {
  daemon: DockerDaemon
  redis: RedisServer
  influx: InfluxServer
  docker: Docker
  /** Starts one recovery per call under prefix `t-<name>`, compose project `<name>`, measurement `trades_<name>`. */
  start(
    name: string,
    env?: Record<string, string>,
    options?: { instanceId?: string; socketPath?: string },
  ): Promise<Instance>
  /** Closes every recovery started, then stops the servers. */
  stop(): Promise<void>
}

/** Real dockerd (busybox imported), redis-server and influxd (database and retention policy created). */
export async function startRecoveryServers(defaults: Record<string, string>): Promise<RecoveryServers> {
  const [daemon, redis, influx] = await Promise.all([startDockerd(), startRedis(), startInflux()])
  await daemon.importBusyboxImage()
  await influx.query(`CREATE DATABASE ${DB}`)
  await influx.query(`CREATE RETENTION POLICY ${RP} ON ${DB} DURATION INF REPLICATION 1`)
  const instances: Instance[] = []
  return {
    daemon,
    redis,
    influx,
    docker: new Docker({ socketPath: daemon.socketPath }),
    async start(name, env = {}, options = {}) {
      const instance = await startRecovery({
        daemon: { socketPath: options.socketPath ?? daemon.socketPath },
        redis,
        influx,
        prefix: `t-${name}`,
        measurement: `trades_${name}`,
        env: { COMPOSE_PROJECT: name, ...defaults, ...env },
        instanceId: options.instanceId,
      })
      instances.push(instance)
      return instance
    },
    async stop() {
      for (const instance of instances) await instance.close().catch(() => undefined)
      await Promise.all([daemon.stop(), redis.stop(), influx.stop()])
    },
  }
}

export { subscribeAlerts } from './subscribeAlerts.js'
