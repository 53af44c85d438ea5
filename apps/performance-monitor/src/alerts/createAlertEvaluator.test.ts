import { AlertDefinitionError, createManualClock } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { createAlertEvaluator } from './createAlertEvaluator.js'
import { DEFAULT_ALERT_RULES } from './defaultAlertRules.js'

const slowRule = {
  name: 'slow_op',
  metric_name: 'slow_op_time_ms',
  comparison: 'gt',
  threshold_value: 100,
  duration_seconds: 30,
  severity: 'warning',
  message_template: 'slow: {value} ms > {threshold} ms for {duration} s',
}

function setup(rules = DEFAULT_ALERT_RULES) {
  const manual = createManualClock()
  const evaluator = createAlertEvaluator({ clock: manual.clock, repeatIntervalSeconds: 600, rules })
  return { ...manual, evaluator }
}

describe('createAlertEvaluator', () => {
  it('fires once after the duration, repeats at most once per interval, resolves once', () => {
    const { evaluator, advance } = setup([])
    evaluator.addRule(slowRule)
    const cycle = (value: number) =>
      evaluator.evaluate([{ name: 'slow_op_time_ms', service: 'runner', value }])
    const published = []
    for (let s = 0; s <= 700; s += 5) {
      published.push(...cycle(500))
      if (s === 10) expect(evaluator.pending()).toHaveLength(1)
      advance(5000)
    }
    published.push(...cycle(20), ...cycle(20))
    expect(published.map((a) => [a.state, a.repeat])).toEqual([
      ['firing', false],
      ['firing', true],
      ['resolved', false],
    ])
    expect(published[0]).toMatchObject({
      fingerprint: 'performance-monitor/slow_op/runner',
      severity: 'warning',
      message: 'slow: 500 ms > 100 ms for 30 s',
      value: 500,
      threshold: 100,
      duration_seconds: 30,
    })
    expect(evaluator.firing()).toEqual([])
  })

  it('forgets a condition that clears before its duration', () => {
    const { evaluator, advance } = setup([])
    evaluator.addRule(slowRule)
    const cycle = (value: number) =>
      evaluator.evaluate([{ name: 'slow_op_time_ms', service: 'runner', value }])
    expect(cycle(500)).toEqual([])
    advance(20_000)
    expect(cycle(50)).toEqual([])
    advance(20_000)
    expect(cycle(500)).toEqual([])
    advance(20_000)
    expect(cycle(500)).toEqual([])
    expect(evaluator.pending()[0]?.active_for_seconds).toBe(20)
  })

  it('gives each operation its own error-rate alert through the suffix rule', () => {
    const { evaluator, advance } = setup()
    const metrics = [
      { name: 'signal_generation_error_rate_percent', service: 'strategy-runner', value: 12.5 },
      { name: 'order_submit_error_rate_percent', service: 'strategy-runner', value: 1 },
    ]
    evaluator.evaluate(metrics)
    advance(61_000)
    const [alert, ...rest] = evaluator.evaluate(metrics)
    expect(rest).toEqual([])
    expect(alert).toMatchObject({
      state: 'firing',
      severity: 'critical',
      rule: 'error_rate_high:signal_generation_error_rate_percent',
      message: 'signal_generation_error_rate_percent of strategy-runner is 12.50% (> 5% for 60 s)',
    })
    expect(evaluator.firing().map((a) => a.active_for_seconds)).toEqual([61])
  })

  it('applies the documented default rules to the collected metrics', () => {
    const { evaluator, advance } = setup()
    const metrics = [
      { name: 'system_cpu_percent', service: 'performance-monitor', value: 95 },
      { name: 'process_memory_rss_mb', service: 'performance-monitor', value: 1500 },
      { name: 'pid_42_memory_rss_mb', service: 'pid-42', value: 200 },
      { name: 'redis_publish_time_ms', service: 'strategy-runner', value: 150 },
    ]
    const firedAt = (seconds: number) => {
      advance(seconds * 1000)
      return evaluator.evaluate(metrics).map((a) => a.rule)
    }
    expect(firedAt(0)).toEqual([])
    expect(firedAt(30)).toEqual(['redis_publish_slow'])
    expect(firedAt(90)).toEqual(['cpu_high'])
    expect(firedAt(180)).toEqual(['process_memory_high:process_memory_rss_mb'])
  })

  it('resolves the alerts of a rule that is disabled or replaced', () => {
    const { evaluator, advance } = setup([])
    evaluator.addRule({ ...slowRule, duration_seconds: 0 })
    const metrics = [{ name: 'slow_op_time_ms', service: 'runner', value: 500 }]
    expect(evaluator.evaluate(metrics).map((a) => a.state)).toEqual(['firing'])
    evaluator.addRule({ ...slowRule, enabled: false })
    advance(1000)
    expect(evaluator.evaluate(metrics).map((a) => a.state)).toEqual(['resolved'])
    expect(evaluator.rules()).toHaveLength(1)
  })

  it('resolves the alerts of a removed rule on the next evaluation', () => {
    const { evaluator, advance } = setup([])
    evaluator.addRule({ ...slowRule, duration_seconds: 0 })
    const metrics = [{ name: 'slow_op_time_ms', service: 'runner', value: 500 }]
    expect(evaluator.evaluate(metrics).map((a) => a.state)).toEqual(['firing'])
    expect([evaluator.removeRule('slow_op'), evaluator.removeRule('slow_op')]).toEqual([true, false])
    advance(1000)
    expect(evaluator.evaluate(metrics).map((a) => [a.state, a.rule])).toEqual([['resolved', 'slow_op']])
    expect([evaluator.rules(), evaluator.firing()]).toEqual([[], []])
  })

  it('resolves the old service and fires the new one when a metric moves in the evaluation that fires it', () => {
    const { evaluator, advance } = setup([])
    evaluator.addRule({ ...slowRule, duration_seconds: 0 })
    const onRunner = evaluator.evaluate([{ name: 'slow_op_time_ms', service: 'runner', value: 500 }])
    expect(onRunner.map((a) => [a.state, a.service])).toEqual([['firing', 'runner']])
    advance(1000)
    const moved = evaluator.evaluate([{ name: 'slow_op_time_ms', service: 'backtester', value: 500 }])
    expect(moved.map((a) => [a.state, a.service])).toEqual([
      ['resolved', 'runner'],
      ['firing', 'backtester'],
    ])
    expect(evaluator.firing().map((a) => a.service)).toEqual(['backtester'])
  })

  it('refuses a bad definition with the field it dislikes', () => {
    const { evaluator } = setup([])
    expect(() => evaluator.addRule({ ...slowRule, comparison: 'above' })).toThrow(AlertDefinitionError)
    expect(() => evaluator.addRule({ ...slowRule, match: 'regex' })).toThrow(
      /match must be one of exact, suffix/,
    )
    expect(() => evaluator.addRule({ ...slowRule, name: 'has space' })).toThrow(
      /name must be a name matching/,
    )
    expect(() => evaluator.addRule({ ...slowRule, scope: 'health', metric_name: 'runner.slow' })).toThrow(
      /scope must be metric/,
    )
  })
})
