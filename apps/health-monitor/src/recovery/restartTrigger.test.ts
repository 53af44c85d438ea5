import { describe, expect, it } from 'vitest'
import { aggrResult, checkResult, resultsOf } from '../../test/fixtures/checkResults.js'
import type { ContainerState } from '../types.js'
import { evidenceTime, heldBackBy, isTroubled, missingContainer, restartTrigger } from './restartTrigger.js'

const container = (running: boolean, status: string): ContainerState => ({
  container_id: 'abc',
  name: 'aggr-server-1',
  running,
  status,
  restart_count: 0,
})

describe('restartTrigger', () => {
  it('restarts aggr_server only when the data gap made it critical', () => {
    expect(restartTrigger('aggr_server', aggrResult(12.5), container(true, 'running'))).toBe(
      'no data written to InfluxDB for 12.5 min (aggr_server critical)',
    )
    expect(restartTrigger('aggr_server', aggrResult(7), undefined)).toBeUndefined()
    expect(restartTrigger('aggr_server', aggrResult(0), undefined)).toBeUndefined()
  })

  it('does not restart aggr_server for a critical that is not a data gap (an HTTP probe, say)', () => {
    const result = checkResult('aggr_server', 'critical', { data_flow_healthy: true })
    expect(restartTrigger('aggr_server', result, undefined)).toBeUndefined()
  })

  it('restarts a container that exited or died, but not one someone paused or only created', () => {
    expect(restartTrigger('aggr_server', undefined, container(false, 'exited'))).toBe(
      'container aggr-server-1 is exited',
    )
    expect(restartTrigger('strategy_runner', undefined, container(false, 'dead'))).toMatch(/is dead/)
    expect(restartTrigger('aggr_server', undefined, container(false, 'paused'))).toBeUndefined()
    expect(restartTrigger('aggr_server', undefined, container(false, 'created'))).toBeUndefined()
  })

  it('restarts strategy_runner when unhealthy or not generating signals', () => {
    const absent = checkResult('strategy_runner', 'unhealthy', {}, 'signal counter absent')
    expect(restartTrigger('strategy_runner', absent, undefined)).toBe(
      'strategy_runner is unhealthy: signal counter absent',
    )
    const stalled = checkResult(
      'strategy_runner',
      'degraded',
      { generating_signals: false },
      'not generating signals: counter unchanged',
    )
    expect(restartTrigger('strategy_runner', stalled, undefined)).toMatch(/^not generating signals/)
    expect(
      restartTrigger('strategy_runner', checkResult('strategy_runner', 'degraded', {}, 'slow'), undefined),
    ).toBeUndefined()
  })
})

describe('evidenceTime', () => {
  const at = Date.parse('2026-01-01T00:00:10Z')
  const result = { ...aggrResult(12), timestamp: new Date(at).toISOString(), response_time_ms: 250 }

  it('dates a check from when it started, and a stopped container from when Docker was asked', () => {
    expect(evidenceTime(result, container(true, 'running'), at + 5_000)).toBe(at - 250)
    expect(evidenceTime(result, container(false, 'exited'), at + 5_000)).toBe(at + 5_000)
  })

  it('counts a result without a readable time as old', () => {
    expect(evidenceTime({ ...result, timestamp: 'now' }, undefined, at)).toBe(Number.NEGATIVE_INFINITY)
    expect(evidenceTime(undefined, undefined, at)).toBe(Number.NEGATIVE_INFINITY)
  })
})

describe('heldBackBy', () => {
  it('names the first dependency that is down', () => {
    const results = resultsOf(checkResult('influxdb', 'critical'), checkResult('redis', 'healthy'))
    expect(heldBackBy('aggr_server', results)).toBe('influxdb is critical')
    expect(heldBackBy('strategy_runner', resultsOf(checkResult('redis', 'unhealthy')))).toBe(
      'redis is unhealthy',
    )
  })

  it('is nothing when dependencies are fine, degraded or not checked yet', () => {
    expect(heldBackBy('aggr_server', resultsOf(checkResult('influxdb', 'degraded')))).toBeUndefined()
    expect(heldBackBy('aggr_server', resultsOf())).toBeUndefined()
  })

  it('is not held back by a missing database InfluxDB itself reported ("no data yet")', () => {
    const noDatabase = checkResult('aggr_server', 'critical', {
      data_flow_healthy: false,
      no_data_yet: 'database',
    })
    const results = resultsOf(
      noDatabase,
      checkResult('influxdb', 'critical'),
      checkResult('redis', 'healthy'),
    )
    expect(heldBackBy('aggr_server', results)).toBeUndefined()
    expect(heldBackBy('aggr_server', resultsOf(noDatabase, checkResult('redis', 'critical')))).toBe(
      'redis is critical',
    )
  })

  it('believes a check that could not judge the service because a dependency failed', () => {
    const result = checkResult('aggr_server', 'unknown', {
      data_flow_healthy: null,
      dependency_down: 'influxdb',
    })
    expect(heldBackBy('aggr_server', resultsOf(result))).toBe(
      'influxdb is unreachable from the aggr_server check',
    )
    expect(isTroubled(result)).toBe(true)
    expect(isTroubled(aggrResult(0))).toBe(false)
  })
})

describe('missingContainer', () => {
  it('names what was looked for', () => {
    expect(missingContainer('aggr_server', { composeService: 'aggr-server' })).toBe(
      'no container found for aggr_server (com.docker.compose.service=aggr-server)',
    )
    expect(missingContainer('strategy_runner', { composeService: 's', containerName: 'runner-1' })).toBe(
      'no container found for strategy_runner (runner-1)',
    )
  })
})
