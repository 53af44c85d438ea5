import { Writable } from 'node:stream'
import { createLogger } from '@squeezeflow/service-kit/logger'
import { describe, expect, it } from 'vitest'
import { createCustomAlerts } from './createCustomAlerts.js'
import { createRuntimeAlertRules } from './createRuntimeAlertRules.js'

const rule = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    metric_name: 'redis.response_time_ms',
    threshold_value: 50,
    comparison: 'gt',
    duration_seconds: 0,
    severity: 'warning',
    message_template: 'redis slow: {value} ms',
    scope: 'health',
    ...extra,
  })

function setup(limit = 10) {
  const lines: Array<Record<string, unknown>> = []
  const logger = createLogger({
    service: 'test',
    level: 'WARNING',
    json: true,
    stream: new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)) as Record<string, unknown>)
        done()
      },
    }),
  })
  const custom = createCustomAlerts('health-monitor')
  const rules = createRuntimeAlertRules({ custom, limit, logger })
  const names = () => custom.list().map((r) => `${r.origin}:${r.name}`)
  return { custom, rules, names, lines }
}

describe('createRuntimeAlertRules', () => {
  it('adds health rules from the hash, replaces changed ones and removes deleted ones', () => {
    const { custom, rules, names } = setup()
    custom.add(JSON.parse(rule({ threshold_value: 5 })))
    rules.apply({ redis_slow: rule(), cpu_high: rule({ metric_name: 'system.cpu_percent' }) })
    expect(names()).toEqual(['code:redis/response_time_ms_gt_5', 'redis:cpu_high', 'redis:redis_slow'])

    rules.apply({ redis_slow: rule({ threshold_value: 90 }) })
    expect(names()).toEqual(['code:redis/response_time_ms_gt_5', 'redis:redis_slow'])
    expect(custom.list().find((r) => r.name === 'redis_slow')?.threshold_value).toBe(90)

    rules.apply({})
    expect(names()).toEqual(['code:redis/response_time_ms_gt_5'])
  })

  it("leaves performance-monitor's rules alone, valid or not", () => {
    const { rules, names } = setup()
    rules.apply({ backlog: rule({ scope: 'metric', metric_name: 'signal_backlog' }), odd: '{"scope":1}' })
    expect(names()).toEqual([])
    expect(rules.rejected()).toEqual([])
  })

  it('refuses an invalid rule and one over the limit, and logs each refusal once', () => {
    const { rules, names, lines } = setup(1)
    const stored = { a_ok: rule(), b_over: rule(), c_bad: rule({ comparison: 'bigger' }) }
    rules.apply(stored)
    rules.apply(stored)
    expect(names()).toEqual(['redis:a_ok'])
    expect(rules.rejected()).toEqual([
      { name: 'b_over', reason: 'over the limit of 1 custom alert rules' },
      { name: 'c_bad', reason: expect.stringMatching(/^performance alert comparison must be/) },
    ])
    expect(lines.filter((l) => l.message === 'custom alert rule rejected').map((l) => l.rule)).toEqual([
      'b_over',
      'c_bad',
    ])
    rules.apply({ a_ok: rule() })
    expect(rules.rejected()).toEqual([])
  })
})
