import type { Alert } from '@squeezeflow/core'
import { type RedisServer, startRedis } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ListedRule } from '../../src/alerts/types.js'
import { storedBacklogRule } from '../support/storedBacklogRule.js'
import { type AlertListener, listenForAlerts } from './helpers/listenForAlerts.js'
import { startMonitor } from './helpers/startMonitor.js'
import { type SdkProducer, startSdkProducer } from './helpers/startSdkProducer.js'
import { waitForValue } from './helpers/waitForValue.js'

const BACKLOG_RULE = storedBacklogRule()
const FINGERPRINT = 'performance-monitor/signal_backlog_gt/sdk-producer'

describe('alert rules added at run time in <prefix>:alert_rules (real redis-server, SDK in a second process)', () => {
  let redis: RedisServer
  let producer: SdkProducer
  let listener: AlertListener
  let service: Awaited<ReturnType<typeof startMonitor>>

  beforeAll(async () => {
    redis = await startRedis()
    listener = await listenForAlerts(redis)
    producer = startSdkProducer(redis, 'sqftest')
    service = await startMonitor(redis)
  })
  afterAll(async () => {
    await service?.stop()
    await producer?.close()
    await listener?.close()
    await redis?.stop()
  })

  const alerts = async () => (await service.getJson('/alerts')).body
  const rules = async () => (await alerts()).rules as ListedRule[]

  it('fires once when recorded values hold for the duration, resolves once when they drop', async () => {
    await listener.client.hSet(listener.keys.alertRules, 'signal_backlog_gt', JSON.stringify(BACKLOG_RULE))
    const listed = await waitForValue(async () => (await rules()).find((r) => r.name === 'signal_backlog_gt'))
    expect(listed).toMatchObject({ metric_name: 'signal_backlog', threshold_value: 100, origin: 'redis' })
    expect((await rules()).find((r) => r.name === 'cpu_high')?.origin).toBe('default')

    await producer.send('record signal_backlog 150 1')
    const firing = await waitForValue(() => listener.of(FINGERPRINT)[0], {
      timeoutMs: 20_000,
      description: 'the firing message',
    })
    expect(firing).toMatchObject({
      source: 'performance-monitor',
      rule: 'signal_backlog_gt',
      service: 'sdk-producer',
      severity: 'warning',
      state: 'firing',
      message: 'Signal backlog high: 150 signals',
      value: 150,
      threshold: 100,
      duration_seconds: 2,
      repeat: false,
    })
    expect(Date.parse(firing.fired_at as string) - Date.parse(firing.started_at)).toBeGreaterThanOrEqual(2000)

    await producer.send('record signal_backlog 50 1')
    await waitForValue(() => listener.of(FINGERPRINT).find((a) => a.state === 'resolved'), {
      timeoutMs: 20_000,
      description: 'the resolved message',
    })
    // A few more cycles: still one message of each.
    const after = (service.monitor.state.cycle.lastCycleAt() as number) + 1000
    await waitForValue(() => (service.monitor.state.cycle.lastCycleAt() as number) > after)
    expect(listener.of(FINGERPRINT).map((a: Alert) => [a.state, a.repeat])).toEqual([
      ['firing', false],
      ['resolved', false],
    ])
  })

  it('drops a rule deleted from the hash within a cycle', async () => {
    await listener.client.hDel(listener.keys.alertRules, 'signal_backlog_gt')
    await waitForValue(async () => !(await rules()).some((r) => r.name === 'signal_backlog_gt'))
    expect(service.monitor.state.evaluator.rules().map((r) => r.name)).not.toContain(BACKLOG_RULE.name)
  })

  it('refuses an invalid rule written straight into Redis, shows it, and keeps serving', async () => {
    const bad = storedBacklogRule({ name: 'bad_backlog', threshold_value: 'high' })
    const healthRule = storedBacklogRule({
      name: 'runner.slow',
      scope: 'health',
      metric_name: 'redis.ping_ms',
    })
    await listener.client.hSet(listener.keys.alertRules, {
      bad_backlog: JSON.stringify(bad),
      'runner.slow': JSON.stringify(healthRule),
      not_json: '{"metric_name":',
    })
    const rejected = await waitForValue(async () => {
      const body = await alerts()
      const list = body.rejected as Array<{ name: string; reason: string }>
      return list.length === 2 ? list : undefined
    })
    expect(rejected).toEqual([
      {
        name: 'bad_backlog',
        reason: 'performance alert threshold_value must be a finite number, got "high"',
      },
      { name: 'not_json', reason: expect.stringMatching(/JSON/) },
    ])
    const names = (await rules()).map((r) => r.name)
    expect(names).not.toContain('bad_backlog')
    expect(names).not.toContain('runner.slow')
    expect((await service.getJson('/livez')).status).toBe(200)
    const cycleAt = service.monitor.state.cycle.lastCycleAt() as number
    await waitForValue(() => (service.monitor.state.cycle.lastCycleAt() as number) > cycleAt)
    expect((await service.getJson('/health')).status).toBe(200)
  })
})
