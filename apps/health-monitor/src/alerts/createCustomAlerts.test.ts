import type { HealthCheck } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { checkResult } from '../../test/fixtures/checkResults.js'
import { createCustomAlerts } from './createCustomAlerts.js'

const RULE = {
  metric_name: 'redis.response_time_ms',
  threshold_value: 50,
  comparison: 'gt',
  duration_seconds: 0,
  severity: 'warning',
  message_template: 'redis answered in {value} ms (> {threshold} ms)',
}
const results = (responseMs: number): Map<string, HealthCheck> =>
  new Map([['redis', { ...checkResult('redis', 'healthy'), response_time_ms: responseMs }]])

describe('createCustomAlerts', () => {
  it('names a rule from code after its figure, and one from Redis by its own name', () => {
    const custom = createCustomAlerts('health-monitor')
    custom.add(RULE)
    custom.add({ ...RULE, threshold_value: 10 }, { name: 'redis_slow', origin: 'redis' })
    expect(custom.list().map((r) => [r.name, r.origin, r.threshold_value])).toEqual([
      ['redis/response_time_ms_gt_50', 'code', 50],
      ['redis_slow', 'redis', 10],
    ])
    expect(custom.observe(results(20)).map((o) => [o.rule, o.service, o.active, o.message])).toEqual([
      ['response_time_ms_gt_50', 'redis', false, 'redis answered in 20 ms (> 50 ms)'],
      ['redis_slow', 'redis', true, 'redis answered in 20 ms (> 10 ms)'],
    ])
  })

  it('observes a removed rule cleared once, then no more', () => {
    const custom = createCustomAlerts('health-monitor')
    custom.add(RULE, { name: 'redis_slow', origin: 'redis' })
    expect(custom.observe(results(80))).toMatchObject([{ rule: 'redis_slow', active: true }])
    expect(custom.remove('redis_slow')).toBe(true)
    expect(custom.remove('redis_slow')).toBe(false)
    expect(custom.list()).toEqual([])
    expect(custom.observe(results(80))).toMatchObject([
      { rule: 'redis_slow', service: 'redis', active: false },
    ])
    expect(custom.observe(results(80))).toEqual([])
  })

  it('clears the old service once when a rule of the same name moves to another', () => {
    const custom = createCustomAlerts('health-monitor')
    custom.add(RULE, { name: 'slow', origin: 'redis' })
    custom.add({ ...RULE, metric_name: 'influxdb.response_time_ms' }, { name: 'slow', origin: 'redis' })
    expect(custom.observe(results(80)).map((o) => [o.service, o.active])).toEqual([
      ['redis', false],
      ['influxdb', false],
    ])
    expect(custom.list()).toMatchObject([{ name: 'slow', metric_name: 'influxdb.response_time_ms' }])
  })

  it('observes a disabled rule as cleared, so what it fired resolves', () => {
    const custom = createCustomAlerts('health-monitor')
    custom.add({ ...RULE, enabled: false }, { name: 'off', origin: 'redis' })
    expect(custom.observe(results(80))).toMatchObject([{ rule: 'off', active: false, value: 80 }])
  })
})
