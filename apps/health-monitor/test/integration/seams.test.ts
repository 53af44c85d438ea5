import { createRedisKeys, type HealthCheck } from '@squeezeflow/core'
import { waitFor } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RecoveryContext } from '../../src/createHealthMonitor.js'
import type { ContainerState, ContainerStateProvider, RecoveryHook } from '../../src/types.js'
import {
  type BusyStack,
  type RunningMonitor,
  startBusyStack,
  startMonitor,
  testEnv,
} from './monitorFixtures.js'

const keys = createRedisKeys()

const container = (name: string): ContainerState => ({
  container_id: `id-${name}`,
  name,
  running: true,
  status: 'running',
  restart_count: 0,
})

describe('the seams for auto-recovery', () => {
  let stack: BusyStack
  let running: RunningMonitor
  const cycles: Array<ReadonlyMap<string, HealthCheck>> = []
  let context: RecoveryContext | undefined

  const containers: ContainerStateProvider = {
    containerState: async (service) => (service === 'aggr_server' ? container('aggr-server') : undefined),
  }

  beforeAll(async () => {
    stack = await startBusyStack()
    const recovery = (ctx: RecoveryContext): RecoveryHook => {
      context = ctx
      return {
        afterCycle: (results) => void cycles.push(results),
        statusFor: (service) =>
          service === 'aggr_server' ? { enabled: true, restarts_in_window: 0 } : undefined,
        summary: () => ({ enabled: true, services: ['aggr_server'] }),
      }
    }
    running = await startMonitor(testEnv(stack), { containers, recovery })
  })

  afterAll(async () => {
    await running?.stop()
    await stack?.stop()
  })

  it('adds container_running from the container provider', async () => {
    const aggr = await waitFor(
      async () => {
        const result = await running.service('aggr_server')
        if (result.status !== 'healthy') throw new Error(result.message)
        return result
      },
      { timeoutMs: 20_000, description: 'aggr_server healthy' },
    )
    expect(aggr.details).toMatchObject({ container_running: true, container: { name: 'aggr-server' } })
    expect((await running.service('strategy_runner')).details.container_running).toBeNull()
  })

  it('hands each cycle to the recovery hook and shows what it reports', async () => {
    await waitFor(() => cycles.length >= 2, { description: 'two cycles' })
    expect([...(cycles.at(-1)?.keys() ?? [])].sort()).toEqual([
      'aggr_server',
      'influxdb',
      'performance_monitor',
      'redis',
      'strategy_runner',
      'system',
    ])
    expect(await running.service('aggr_server')).toMatchObject({
      recovery: { enabled: true, restarts_in_window: 0 },
    })
    expect(await running.service('redis')).toMatchObject({ recovery: null })
    expect((await running.get('/health/detailed')).body.recovery).toEqual({
      enabled: true,
      services: ['aggr_server'],
    })
    expect((await running.get('/status')).body.recovery).toEqual({ enabled: true, services: ['aggr_server'] })
  })

  it('gives recovery the monitor’s registry and alert publisher', async () => {
    expect(context?.keys.alertsChannel).toBe('squeezeflow:alerts')
    context?.publishAlert({
      fingerprint: 'health-monitor/restart/aggr_server',
      source: 'health-monitor',
      rule: 'restart',
      service: 'aggr_server',
      severity: 'warning',
      state: 'firing',
      message: 'restarted aggr-server',
      duration_seconds: 0,
      started_at: new Date().toISOString(),
      repeat: false,
      timestamp: new Date().toISOString(),
    })
    await waitFor(
      async () =>
        (await stack.client.zRange(keys.alertHistory, 0, -1)).some((json) =>
          json.includes('restarted aggr-server'),
        ),
      {
        description: 'recovery alert in the history',
      },
    )
    expect(context?.registry).toBe(running.monitor.registry)
  })
})
