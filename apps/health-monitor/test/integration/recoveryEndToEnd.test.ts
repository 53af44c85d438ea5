import { spawnSync } from 'node:child_process'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { waitFor } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { createHealthMonitor, type HealthMonitor } from '../../src/createHealthMonitor.js'
import { loadRecoveryConfig } from '../../src/recovery/loadRecoveryConfig.js'
import { type RecoveryWiring, wireRecovery } from '../../src/recovery/wireRecovery.js'
import {
  keepWriting,
  quietLogger,
  type RecoveryServers,
  type ServiceStatus,
  startedAt,
  startLabelledContainer,
  startRecoveryServers,
  writeTrades,
} from './recoveryFixtures.js'

const MEASUREMENT = 'trades_e2e'

interface ServiceBody {
  status: string
  details: { container_running: boolean | null; data_flow_healthy: boolean }
  recovery: ServiceStatus
}

describe('auto-recovery wired into health-monitor, seen through HTTP', () => {
  let servers: RecoveryServers
  let monitor: HealthMonitor
  let wiring: RecoveryWiring
  let server: Server
  let base: string
  const get = async (path: string) => {
    const response = await fetch(`${base}${path}`)
    return { status: response.status, text: await response.text() }
  }
  const aggr = async () => JSON.parse((await get('/health/service/aggr_server')).text) as ServiceBody

  beforeAll(async () => {
    servers = await startRecoveryServers({})
    const env = {
      REDIS_HOST: servers.redis.host,
      REDIS_PORT: String(servers.redis.port),
      REDIS_PREFIX: 'e2e',
      INFLUX_HOST: servers.influx.host,
      INFLUX_PORT: String(servers.influx.port),
      INFLUX_MEASUREMENT: MEASUREMENT,
      AGGR_SERVER_URL: 'http://127.0.0.1:9/',
      HEALTH_CHECK_INTERVAL: '1',
      CHECK_TIMEOUT_SECONDS: '2',
      LOG_LEVEL: 'ERROR',
      DOCKER_HOST: servers.daemon.dockerHost,
      COMPOSE_PROJECT: 'e2e',
      RESTART_STOP_TIMEOUT_SECONDS: '1',
      RESTART_VERIFY_GRACE_SECONDS: '60',
      RECOVERY_LEASE_SECONDS: '10',
    }
    const config = loadConfig(env)
    const logger = quietLogger()
    wiring = wireRecovery(config, loadRecoveryConfig(env), logger)
    monitor = createHealthMonitor(config, {
      logger,
      containers: wiring.containers,
      recovery: wiring.recovery,
    })
    server = monitor.createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
    await wiring?.close()
    await monitor?.stop()
    await servers?.stop()
  })

  it('restarts aggr-server when its data stops, verifies it, and shows it all on /health and /metrics', async () => {
    const container = await startLabelledContainer(servers.docker, 'e2e', 'aggr-server')
    const before = await startedAt(container)
    await writeTrades(servers.influx, MEASUREMENT, Date.now() - 15 * 60_000)
    await monitor.start()

    let restarted: ServiceBody | undefined
    await waitFor(
      async () => {
        restarted = await aggr()
        return restarted.recovery.restarts_in_window.length > 0
      },
      { timeoutMs: 30_000, description: 'restart shown on /health/service/aggr_server' },
    )
    expect(restarted?.status).toBe('critical')
    expect(restarted?.details).toMatchObject({ container_running: true, data_flow_healthy: false })
    expect(restarted?.recovery).toMatchObject({
      enabled: true,
      available: true,
      leader: true,
      budget_left: 2,
    })

    const writer = keepWriting(servers.influx, MEASUREMENT)
    try {
      await waitFor(async () => (await aggr()).recovery.restarts_in_window[0]?.outcome === 'verified', {
        timeoutMs: 30_000,
        description: 'restart verified',
      })
    } finally {
      writer.stop()
    }
    expect(await startedAt(container)).not.toBe(before)
    const body = await aggr()
    expect(body.recovery.restarts_in_window).toHaveLength(1)
    const now = await startedAt(container)
    await waitFor(async () => (await aggr()).recovery.container?.started_at === now, {
      description: 'a later cycle shows the new container',
    })

    const metrics = await get('/metrics')
    expect(metrics.text).toContain(
      'squeezeflow_recovery_restarts_total{service="aggr_server",outcome="verified"} 1',
    )
    // This family passes Prometheus' own linter (the rest of /metrics is the check loop's to vouch for).
    const family = metrics.text
      .split('\n')
      .filter((line) => line.includes('squeezeflow_recovery_restarts_total'))
    const lint = spawnSync('promtool', ['check', 'metrics'], {
      input: `${family.join('\n')}\n`,
      encoding: 'utf8',
    })
    expect(lint.status, `${lint.stdout}${lint.stderr}`).toBe(0)
    const detailed = JSON.parse((await get('/health/detailed')).text) as {
      recovery: { enabled: boolean; services: object }
    }
    expect(detailed.recovery).toMatchObject({
      enabled: true,
      available: true,
      services: { aggr_server: { budget_left: 2 } },
    })
  })
})
