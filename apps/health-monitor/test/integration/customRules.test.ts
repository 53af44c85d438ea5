import { createRedisKeys } from '@squeezeflow/core'
import { waitFor } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { moreCycles } from './alertingFixtures.js'
import {
  type BusyStack,
  type RunningMonitor,
  startBusyStack,
  startMonitor,
  subscribeAlerts,
  testEnv,
} from './monitorFixtures.js'

const keys = createRedisKeys()
const FINGERPRINT = 'health-monitor/redis_answers/redis'
const RULE = {
  metric_name: 'redis.response_time_ms',
  threshold_value: -1,
  comparison: 'gt',
  duration_seconds: 0,
  severity: 'warning',
  message_template: 'redis answered in {value} ms',
  scope: 'health',
}

interface RulesStatus {
  active: Array<{ name: string; metric_name: string; origin: string }>
  rejected: Array<{ name: string; reason: string }>
}
const rulesOf = async (running: RunningMonitor) =>
  (await running.get('/status')).body.custom_alert_rules as RulesStatus

describe('custom health alert rules added at run time', () => {
  let stack: BusyStack
  let running: RunningMonitor

  beforeAll(async () => {
    stack = await startBusyStack()
    running = await startMonitor(testEnv(stack))
    running.monitor.addPerformanceAlert({ ...RULE, threshold_value: 60_000 })
  })
  afterAll(async () => {
    await running.stop()
    await stack.stop()
  })

  it('fires a rule written into the hash within a cycle, and resolves it when the rule is deleted', async () => {
    const subscriber = await subscribeAlerts(stack.redis, keys)
    const messages = () => subscriber.alerts.filter((a) => a.fingerprint === FINGERPRINT)
    await stack.client.hSet(keys.alertRules, 'redis_answers', JSON.stringify(RULE))
    await moreCycles(running, 1)
    await waitFor(() => messages().length > 0, { description: 'firing message' })
    expect(messages()).toMatchObject([{ state: 'firing', rule: 'redis_answers', service: 'redis' }])
    expect((await rulesOf(running)).active).toEqual([
      expect.objectContaining({ name: 'redis/response_time_ms_gt_60000', origin: 'code' }),
      expect.objectContaining({
        name: 'redis_answers',
        metric_name: 'redis.response_time_ms',
        origin: 'redis',
      }),
    ])

    await stack.client.hDel(keys.alertRules, 'redis_answers')
    await moreCycles(running, 1)
    await waitFor(() => messages().length > 1, { description: 'resolved message' })
    expect(messages().map((m) => m.state)).toEqual(['firing', 'resolved'])
    expect((await rulesOf(running)).active.map((r) => r.origin)).toEqual(['code'])
    await subscriber.close()
  })

  it('shows an invalid rule as rejected in /status and applies nothing of it', async () => {
    await stack.client.hSet(keys.alertRules, 'broken', JSON.stringify({ ...RULE, comparison: 'bigger' }))
    await stack.client.hSet(keys.alertRules, 'perf_rule', JSON.stringify({ ...RULE, scope: 'metric' }))
    await moreCycles(running, 2)
    const rules = await rulesOf(running)
    expect(rules.rejected).toEqual([
      { name: 'broken', reason: expect.stringMatching(/^performance alert comparison must be one of/) },
    ])
    expect(rules.active.map((r) => r.name)).toEqual(['redis/response_time_ms_gt_60000'])
    await stack.client.hDel(keys.alertRules, ['broken', 'perf_rule'])
    await moreCycles(running, 1)
    expect((await rulesOf(running)).rejected).toEqual([])
  })
})
