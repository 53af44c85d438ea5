import { createManualClock } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../config.js'
import type { ContainerState } from '../types.js'
import { createAggrServerCheck, type HttpProbeResult } from './createAggrServerCheck.js'

/** The defaults, as loadConfig resolves them. */
const CONFIG = loadConfig({}).dataFlow
const UP: HttpProbeResult = { ok: true, status_code: 200, response_time_ms: 3 }
const DOWN: HttpProbeResult = { ok: false, status_code: null, response_time_ms: 1, error: 'ECONNREFUSED' }

function setup(
  probe: HttpProbeResult,
  flow: () => Promise<{ recentCount: number; lastWriteMs: number | null }>,
  container?: ContainerState,
) {
  const { clock } = createManualClock()
  const containers = container ? { containerState: async () => container } : undefined
  return {
    clock,
    check: createAggrServerCheck({
      probe: async () => probe,
      dataFlow: flow,
      containers,
      config: CONFIG,
      clock,
    }),
  }
}

const CONTAINER: ContainerState = {
  container_id: 'abc',
  name: 'aggr-server',
  running: true,
  status: 'running',
  restart_count: 0,
}

describe('aggr_server check', () => {
  it('reports the probe, the data flow and container_running null without the Docker seam', async () => {
    const { check, clock } = setup(UP, async () => ({ recentCount: 500, lastWriteMs: clock() - 1000 }))
    const outcome = await check()
    expect(outcome.status).toBe('healthy')
    expect(outcome.details).toMatchObject({
      container_running: null,
      recent_data_count: 500,
      data_flow_healthy: true,
      http_probe: UP,
    })
  })

  it('adds container_running from the seam, and a stopped container is critical', async () => {
    const running = setup(
      UP,
      async () => ({ recentCount: 500, lastWriteMs: Date.parse('2026-01-01T00:00:00Z') }),
      CONTAINER,
    )
    expect((await running.check()).details?.container_running).toBe(true)
    const stopped = setup(
      UP,
      async () => ({ recentCount: 500, lastWriteMs: Date.parse('2026-01-01T00:00:00Z') }),
      { ...CONTAINER, running: false, status: 'exited' },
    )
    const outcome = await stopped.check()
    expect(outcome.status).toBe('critical')
    expect(outcome.details?.container_running).toBe(false)
    expect(outcome.conditions?.map((c) => c.rule)).toEqual(['container_stopped'])
  })

  it('is degraded and warns when only the HTTP probe fails', async () => {
    const { check, clock } = setup(DOWN, async () => ({ recentCount: 500, lastWriteMs: clock() }))
    const outcome = await check()
    expect(outcome.status).toBe('degraded')
    expect(outcome.conditions?.map((c) => c.rule)).toEqual(['http_probe_failed'])
  })

  it('says influxdb is the cause, and stays unknown, when the data-flow query fails', async () => {
    const { check } = setup(UP, async () => {
      throw new Error('connect ECONNREFUSED')
    })
    const outcome = await check()
    expect(outcome.status).toBe('unknown')
    expect(outcome.details).toMatchObject({ dependency_down: 'influxdb', data_flow_healthy: null })
    expect(outcome.conditions).toEqual([])
  })
})

describe('aggr_server check when the data-flow target does not exist yet', () => {
  const message =
    'no data yet: retention policy aggr_1s does not exist in significant_trades (aggr-server has never written here, or INFLUX_RETENTION_POLICY is wrong)'

  function missingPolicy() {
    const { clock, advance } = createManualClock()
    const check = createAggrServerCheck({
      probe: async () => UP,
      dataFlow: async () => {
        throw new Error('not executed')
      },
      classifyFailure: async () => ({ kind: 'no_data_yet', missing: 'retention_policy', message }),
      config: CONFIG,
      clock,
    })
    return { check, advance }
  }

  it('is unhealthy with the reason and names no dependency, so recovery is not held back', async () => {
    const { check } = missingPolicy()
    const outcome = await check()
    expect(outcome.status).toBe('unhealthy')
    expect(outcome.message).toBe(message)
    expect(outcome.details).toMatchObject({ data_flow_healthy: false, no_data_yet: 'retention_policy' })
    expect(outcome.details).not.toHaveProperty('dependency_down')
  })

  it('turns critical once the critical gap has passed since the first check', async () => {
    const { check, advance } = missingPolicy()
    await check()
    advance((CONFIG.gapCriticalMinutes + 1) * 60_000)
    const outcome = await check()
    expect(outcome.status).toBe('critical')
    expect(outcome.conditions?.[0]).toMatchObject({ rule: 'data_gap', severity: 'critical' })
  })

  it('shows another query error in the server’s words without blaming InfluxDB', async () => {
    const { clock } = createManualClock()
    const outcome = await createAggrServerCheck({
      probe: async () => UP,
      dataFlow: async () => {
        throw new Error('boom')
      },
      classifyFailure: async () => ({ kind: 'query_error', message: 'error parsing query' }),
      config: CONFIG,
      clock,
    })()
    expect(outcome.status).toBe('unknown')
    expect(outcome.details).toMatchObject({ influx_query_error: 'error parsing query' })
    expect(outcome.details).not.toHaveProperty('dependency_down')
  })
})
