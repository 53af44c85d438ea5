import { Writable } from 'node:stream'
import { createManualClock } from '@squeezeflow/core'
import { createLogger } from '@squeezeflow/service-kit/logger'
import { describe, expect, it } from 'vitest'
import { storedBacklogRule } from '../../test/support/storedBacklogRule.js'
import { createAlertEvaluator } from './createAlertEvaluator.js'
import { createRuleRegistry } from './createRuleRegistry.js'
import { DEFAULT_ALERT_RULES } from './defaultAlertRules.js'

const backlog = (threshold: number, changes: Record<string, unknown> = {}) =>
  JSON.stringify(storedBacklogRule({ threshold_value: threshold, ...changes }))

function setup(limit = 10) {
  const warnings: Array<{ rule: string; reason: string }> = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const line = JSON.parse(chunk.toString()) as { level: string; rule: string; reason: string }
      if (line.level === 'warn') warnings.push({ rule: line.rule, reason: line.reason })
      done()
    },
  })
  const logger = createLogger({ service: 'test', level: 'INFO', json: true, stream })
  const time = createManualClock()
  const evaluator = createAlertEvaluator({ clock: time.clock, repeatIntervalSeconds: 600, rules: [] })
  const registry = createRuleRegistry({ evaluator, limit, logger })
  for (const rule of DEFAULT_ALERT_RULES) registry.add(rule, 'default')
  const origins = () => Object.fromEntries(registry.list().map((r) => [r.name, r.origin]))
  return { ...time, evaluator, registry, warnings, origins }
}

describe('createRuleRegistry', () => {
  it('applies a rule from Redis, then its change, then its removal', () => {
    const { registry, evaluator, origins } = setup()
    registry.sync({ signal_backlog_gt: backlog(100) })
    expect(origins()).toMatchObject({ cpu_high: 'default', signal_backlog_gt: 'redis' })
    expect(registry.list().find((r) => r.name === 'signal_backlog_gt')).toEqual({
      name: 'signal_backlog_gt',
      metric_name: 'signal_backlog',
      comparison: 'gt',
      threshold_value: 100,
      duration_seconds: 2,
      severity: 'warning',
      match: 'exact',
      enabled: true,
      origin: 'redis',
    })
    registry.sync({ signal_backlog_gt: backlog(250) })
    expect(evaluator.rules().find((r) => r.name === 'signal_backlog_gt')?.threshold_value).toBe(250)
    registry.sync({})
    expect(origins().signal_backlog_gt).toBeUndefined()
    expect(registry.list()).toHaveLength(DEFAULT_ALERT_RULES.length)
  })

  it('lets a Redis rule stand in for a default of the same name and brings the default back after', () => {
    const { registry, evaluator, origins } = setup()
    const cpu = (threshold: number) =>
      JSON.stringify({
        ...DEFAULT_ALERT_RULES.find((r) => r.name === 'cpu_high'),
        threshold_value: threshold,
      })
    registry.sync({ cpu_high: cpu(95) })
    expect([
      origins().cpu_high,
      evaluator.rules().find((r) => r.name === 'cpu_high')?.threshold_value,
    ]).toEqual(['redis', 95])
    registry.add({ ...DEFAULT_ALERT_RULES.find((r) => r.name === 'cpu_high'), threshold_value: 70 }, 'code')
    expect(evaluator.rules().find((r) => r.name === 'cpu_high')?.threshold_value).toBe(95)
    registry.sync({})
    expect([
      origins().cpu_high,
      evaluator.rules().find((r) => r.name === 'cpu_high')?.threshold_value,
    ]).toEqual(['code', 70])
  })

  it('refuses invalid rules, logs each once per reason, and keeps the valid ones', () => {
    const { registry, warnings, origins } = setup()
    const stored = { signal_backlog_gt: backlog(100), broken: backlog(100, { comparison: 'above' }) }
    registry.sync(stored)
    registry.sync(stored)
    expect(origins().signal_backlog_gt).toBe('redis')
    expect(registry.rejected()).toEqual([
      {
        name: 'broken',
        reason: 'performance alert comparison must be one of gt, gte, lt, lte, eq, got "above"',
      },
    ])
    registry.sync({ ...stored, broken: '{not json' })
    registry.sync({ ...stored, broken: '{not json' })
    expect(warnings.map((w) => w.rule)).toEqual(['broken', 'broken'])
    expect(warnings[1]?.reason).toMatch(/JSON/)
  })

  it('drops a rule that became invalid, and leaves health-monitor rules alone', () => {
    const { registry, origins } = setup()
    registry.sync({ signal_backlog_gt: backlog(100) })
    const health = backlog(500, { scope: 'health', metric_name: 'redis.response_time_ms' })
    registry.sync({ signal_backlog_gt: backlog(100, { severity: 'fatal' }), 'runner.redis_slow': health })
    expect(origins().signal_backlog_gt).toBeUndefined()
    expect(origins()['runner.redis_slow']).toBeUndefined()
    expect(registry.rejected().map((r) => r.name)).toEqual(['signal_backlog_gt'])
  })

  it('takes at most the limit of rules from Redis, in name order', () => {
    const { registry, origins } = setup(1)
    registry.sync({ b_backlog: backlog(1), a_backlog: backlog(2) })
    expect([origins().a_backlog, origins().b_backlog]).toEqual(['redis', undefined])
    expect(registry.rejected()).toEqual([
      { name: 'b_backlog', reason: 'over the limit of 1 custom alert rules' },
    ])
  })
})
