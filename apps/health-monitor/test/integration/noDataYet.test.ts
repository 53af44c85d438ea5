import type { HealthCheck } from '@squeezeflow/core'
import { waitFor } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { heldBackBy, restartTrigger } from '../../src/recovery/restartTrigger.js'
import {
  DB,
  RP,
  type RunningMonitor,
  type Stack,
  startMonitor,
  startStack,
  testEnv,
  waitForStatus,
} from './monitorFixtures.js'

const REASON = `no data yet: retention policy ${RP} does not exist in ${DB} (aggr-server has never written here, or INFLUX_RETENTION_POLICY is wrong)`

describe('aggr-server has never written: the retention policy does not exist (real influxd)', () => {
  let stack: Stack
  let running: RunningMonitor

  beforeAll(async () => {
    stack = await startStack()
    await stack.influx.query(`DROP RETENTION POLICY ${RP} ON ${DB}`)
    // Critical 3 s after the monitor's start, by configuration only.
    running = await startMonitor(
      testEnv(stack, { DATA_GAP_UNHEALTHY_MINUTES: '0.02', DATA_GAP_CRITICAL_MINUTES: '0.05' }),
    )
  })

  afterAll(async () => {
    await running?.stop()
    await stack?.stop()
  })

  it('is unhealthy naming the missing retention policy, blames no dependency, then turns critical', async () => {
    const unhealthy = await waitForStatus(running, 'aggr_server', 'unhealthy')
    expect(unhealthy.message).toBe(REASON)
    expect(unhealthy.details).toMatchObject({ data_flow_healthy: false, no_data_yet: 'retention_policy' })
    expect(unhealthy.details).not.toHaveProperty('dependency_down')

    const critical = await waitForStatus(running, 'aggr_server', 'critical')
    expect(critical.message).toBe(REASON)
    expect(critical.details).not.toHaveProperty('dependency_down')
  })

  it('leaves auto-recovery free to restart aggr-server (InfluxDB itself is healthy)', async () => {
    const critical = await waitForStatus(running, 'aggr_server', 'critical')
    const results = new Map<string, HealthCheck>([['aggr_server', critical]])
    for (const name of ['influxdb', 'redis']) results.set(name, await running.service(name))
    expect(results.get('influxdb')?.status).toBe('healthy')
    expect(heldBackBy('aggr_server', results)).toBeUndefined()
    expect(restartTrigger('aggr_server', critical, undefined)).toMatch(/^no data written to InfluxDB/)
  })

  it('names a missing database, and InfluxDB critical for it does not hold recovery back', async () => {
    await stack.influx.query(`DROP DATABASE ${DB}`)
    const critical = await waitFor(
      async () => {
        const result = await running.service('aggr_server')
        if (result.details.no_data_yet !== 'database') throw new Error(result.message)
        return result
      },
      { timeoutMs: 20_000, intervalMs: 200, description: 'no data yet: database' },
    )
    expect(critical.status).toBe('critical')
    expect(critical.message).toBe(
      `no data yet: database ${DB} does not exist (aggr-server has never written here, or INFLUX_DATABASE is wrong)`,
    )
    const results = new Map<string, HealthCheck>([['aggr_server', critical]])
    for (const name of ['influxdb', 'redis']) results.set(name, await running.service(name))
    expect(results.get('influxdb')?.status).toBe('critical')
    expect(heldBackBy('aggr_server', results)).toBeUndefined()
  })
})
