import { createManualClock, type HealthCheck, type HealthStatus } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import type { AlertCondition, CycleReport } from '../types.js'
import { createAlertEvaluator } from './createAlertEvaluator.js'

const GAP: AlertCondition = {
  rule: 'data_gap',
  severity: 'warning',
  message: 'no data for 6 min',
  value: 6,
  threshold: 5,
}

function report(
  status: HealthStatus,
  conditions: AlertCondition[],
  details: Record<string, unknown> = {},
): CycleReport {
  const result: HealthCheck = {
    name: 'aggr_server',
    status,
    response_time_ms: 1,
    message: '',
    details,
    timestamp: '',
  }
  return {
    cycle: 1,
    results: new Map([['aggr_server', result]]),
    conditions: new Map([['aggr_server', conditions]]),
    criticalServices: new Set(['aggr_server']),
    startedAt: 0,
    completedAt: 0,
  }
}

function setup() {
  const manual = createManualClock()
  return { ...manual, evaluator: createAlertEvaluator({ clock: manual.clock, repeatIntervalSeconds: 600 }) }
}

describe('createAlertEvaluator', () => {
  it('fires once while a condition lasts, escalates in place, and resolves once', () => {
    const { evaluator, advance } = setup()
    const fired = evaluator.evaluate(report('unhealthy', [GAP]))
    expect(fired).toMatchObject([
      { fingerprint: 'health-monitor/data_gap/aggr_server', state: 'firing', severity: 'warning' },
    ])
    advance(30_000)
    expect(evaluator.evaluate(report('critical', [{ ...GAP, severity: 'critical', value: 11 }]))).toEqual([])
    expect(evaluator.active()).toMatchObject([{ severity: 'critical', value: 11 }])
    advance(30_000)
    expect(evaluator.evaluate(report('healthy', []))).toMatchObject([
      { state: 'resolved', fingerprint: 'health-monitor/data_gap/aggr_server' },
    ])
    expect(evaluator.evaluate(report('healthy', []))).toEqual([])
  })

  it('re-announces a firing alert only after the repeat interval', () => {
    const { evaluator, advance } = setup()
    evaluator.evaluate(report('unhealthy', [GAP]))
    advance(599_000)
    expect(evaluator.evaluate(report('unhealthy', [GAP]))).toEqual([])
    advance(1_000)
    expect(evaluator.evaluate(report('unhealthy', [GAP]))).toMatchObject([{ state: 'firing', repeat: true }])
  })

  it('neither resolves nor fires for a service whose status is unknown', () => {
    const { evaluator } = setup()
    evaluator.evaluate(report('unhealthy', [GAP]))
    expect(evaluator.evaluate(report('unknown', []))).toEqual([])
    expect(evaluator.active()).toHaveLength(1)
  })

  it('evaluates custom threshold alerts added in code', () => {
    const { evaluator, advance } = setup()
    evaluator.addPerformanceAlert({
      metric_name: 'aggr_server.points_per_minute',
      threshold_value: 10,
      comparison: 'lt',
      duration_seconds: 60,
      severity: 'warning',
      message_template: 'write rate {value}/min below {threshold}/min for {duration} s',
    })
    expect(evaluator.evaluate(report('healthy', [], { points_per_minute: 4 }))).toEqual([])
    advance(60_000)
    expect(evaluator.evaluate(report('healthy', [], { points_per_minute: 4 }))).toMatchObject([
      { rule: 'points_per_minute_lt_10', state: 'firing', message: 'write rate 4/min below 10/min for 60 s' },
    ])
    expect(evaluator.evaluate(report('healthy', [], { points_per_minute: 40 }))).toMatchObject([
      { state: 'resolved' },
    ])
  })

  it('rejects a custom alert whose metric is not <service>.<field>', () => {
    const { evaluator } = setup()
    const base = {
      threshold_value: 1,
      comparison: 'gt',
      duration_seconds: 0,
      severity: 'info',
      message_template: 'x',
    }
    expect(() => evaluator.addPerformanceAlert({ ...base, metric_name: 'cpu' })).toThrow(/<service>.<field>/)
    expect(() =>
      evaluator.addPerformanceAlert({ ...base, metric_name: 'system.cpu', comparison: 'bigger' }),
    ).toThrow(/comparison/)
  })
})
