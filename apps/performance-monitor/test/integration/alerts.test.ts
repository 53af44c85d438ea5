import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Alert, Dashboard } from '@squeezeflow/core'
import { type RedisServer, startRedis, waitFor } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AlertListener, listenForAlerts } from './helpers/listenForAlerts.js'
import { startMonitor, TEST_PREFIX } from './helpers/startMonitor.js'
import { type SdkProducer, startSdkProducer } from './helpers/startSdkProducer.js'
import { waitForValue } from './helpers/waitForValue.js'

describe('performance alerts on a sustained slow operation (real redis-server, SDK in a second process)', () => {
  let redis: RedisServer
  let listener: AlertListener
  let producer: SdkProducer

  beforeAll(async () => {
    redis = await startRedis()
    listener = await listenForAlerts(redis)
    producer = startSdkProducer(redis, TEST_PREFIX)
  })
  afterAll(async () => {
    await producer?.close()
    await listener?.close()
    await redis?.stop()
  })

  it('publishes exactly one firing alert after the duration and one resolved alert after it clears', async () => {
    const { client, keys, received } = listener
    // The rule comes from PERFORMANCE_ALERTS_FILE, as an operator would configure it.
    const rulesFile = join(redis.dir, 'alerts.json')
    writeFileSync(
      rulesFile,
      JSON.stringify([
        {
          name: 'slow_fill',
          metric_name: 'fill_order_time_ms',
          comparison: 'gt',
          threshold_value: 100,
          duration_seconds: 1.5,
          severity: 'critical',
          message_template: 'fills take {value} ms (> {threshold} ms for {duration} s)',
        },
      ]),
    )
    const service = await startMonitor(redis, { PERFORMANCE_ALERTS_FILE: rulesFile })
    try {
      await producer.send('loop fill_order 150')
      const pending = await waitForValue(async () => {
        const alerts = (await service.getJson('/alerts')).body.pending as Alert[]
        return alerts.find((a) => a.rule === 'slow_fill')
      })
      expect(pending.state).toBe('pending')
      const firing = await waitForValue(() => received.find((a) => a.state === 'firing'), {
        timeoutMs: 20_000,
        description: 'the firing alert',
      })
      expect(firing).toMatchObject({
        source: 'performance-monitor',
        rule: 'slow_fill',
        service: 'sdk-producer',
        severity: 'critical',
        threshold: 100,
        duration_seconds: 1.5,
        repeat: false,
      })
      expect(firing.value).toBeGreaterThan(100)
      expect(Date.parse(firing.fired_at as string) - Date.parse(firing.started_at)).toBeGreaterThanOrEqual(
        1500,
      )
      expect(firing.message).toMatch(/^fills take \d+(\.\d+)? ms \(> 100 ms for 1\.50 s\)$/)

      const shown = await waitForValue(async () => {
        const text = await client.get(keys.performanceDashboard)
        const dashboard = text ? (JSON.parse(text) as Dashboard) : undefined
        return dashboard?.active_alerts.find((a) => a.rule === 'slow_fill')
      })
      expect(shown.active_for_seconds).toBeGreaterThanOrEqual(1)

      await producer.send('loop fill_order 1')
      const resolved = await waitForValue(() => received.find((a) => a.state === 'resolved'), {
        timeoutMs: 20_000,
        description: 'the resolved alert',
      })
      await producer.send('idle')
      expect(resolved).toMatchObject({ fingerprint: firing.fingerprint, repeat: false })
      expect(resolved.message).toMatch(/^resolved: fills take/)
      // Several more cycles pass: still one message of each.
      const cyclesAfter = (service.monitor.state.cycle.lastCycleAt() as number) + 1000
      await waitFor(() => (service.monitor.state.cycle.lastCycleAt() as number) > cyclesAfter)
      expect(received.map((a) => a.state)).toEqual(['firing', 'resolved'])
      expect(service.monitor.state.evaluator.firing()).toEqual([])
    } finally {
      await service.stop()
    }
  })
})
