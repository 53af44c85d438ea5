import { spawnSync } from 'node:child_process'
import { createRedisKeys } from '@squeezeflow/core'
import { waitFor } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dashboard } from '../fixtures/dashboard.js'
import {
  type BusyStack,
  type RunningMonitor,
  startBusyStack,
  startMonitor,
  subscribeAlerts,
  testEnv,
} from './monitorFixtures.js'

const keys = createRedisKeys()
const QUEUE = 'squeezeflow:signals:queue'

describe('watch figures in the running monitor', () => {
  let stack: BusyStack
  let running: RunningMonitor
  let subscriber: Awaited<ReturnType<typeof subscribeAlerts>>

  beforeAll(async () => {
    stack = await startBusyStack()
    subscriber = await subscribeAlerts(stack.redis, keys)
    running = await startMonitor(testEnv(stack, { QUEUE_KEYS: QUEUE, QUEUE_KEYS_WARN: `${QUEUE}=3` }))
  })

  afterAll(async () => {
    await running?.stop()
    await subscriber?.close()
    await stack?.stop()
  })

  it('shows InfluxDB write figures in /health/service/influxdb and in aggr_server', async () => {
    const influx = await waitFor(
      async () => {
        const result = await running.service('influxdb')
        if (!((result.details.write_rate_per_sec as number | null) ?? 0)) throw new Error('no rate yet')
        return result
      },
      { timeoutMs: 20_000, intervalMs: 200, description: 'influx write rate' },
    )
    expect(influx.status).toBe('healthy')
    expect(influx.details).toMatchObject({
      write_stats: 'available',
      write_error_percent: 0,
      points_dropped: 0,
    })
    expect(influx.details.write_requests_per_min).toBeGreaterThan(0)
    const aggr = await running.service('aggr_server')
    expect(aggr.details).toHaveProperty('write_rate_per_sec')
    expect(aggr.details).toHaveProperty('counters_reset')
  })

  it('shows Redis cache figures and the signal rate', async () => {
    await stack.client.set('squeezeflow:signal:BTCUSD', JSON.stringify({ timestamp: Date.now() / 1000 }))
    const runner = await waitFor(
      async () => {
        const result = await running.service('strategy_runner')
        if (typeof result.details.signals_per_minute !== 'number') throw new Error('no rate yet')
        if (typeof result.details.newest_signal_age_seconds !== 'number') throw new Error('no signal yet')
        return result
      },
      { timeoutMs: 20_000, intervalMs: 200, description: 'signal figures' },
    )
    // INCR every 200 ms: about 300 a minute.
    expect(runner.details.signals_per_minute).toBeGreaterThan(100)
    expect(runner.details.newest_signal).toMatchObject({
      newest_key: 'squeezeflow:signal:BTCUSD',
      time_source: 'timestamp',
    })
    const redis = await running.service('redis')
    expect(redis.details.ops_per_sec).toBeGreaterThan(0)
    expect(redis.details).toHaveProperty('cache_hit_ratio')
    expect(redis.details).toHaveProperty('mem_fragmentation_ratio')
  })

  it('fires a queue depth alert when a queue grows past its threshold and resolves it when it drains', async () => {
    await stack.client.rPush(QUEUE, ['a', 'b', 'c', 'd', 'e'])
    const fingerprint = `health-monitor/queue_depth_high:${QUEUE}/redis`
    const firing = await waitFor(
      () => subscriber.alerts.find((a) => a.fingerprint === fingerprint && a.state === 'firing'),
      { timeoutMs: 20_000, description: 'queue alert firing' },
    )
    expect(firing).toMatchObject({ value: 5, threshold: 3, severity: 'warning' })
    const redis = await running.service('redis')
    expect(redis.details.queues).toEqual([{ key: QUEUE, type: 'list', depth: 5, missing: false }])

    await stack.client.del(QUEUE)
    await waitFor(
      () => subscriber.alerts.find((a) => a.fingerprint === fingerprint && a.state === 'resolved'),
      { timeoutMs: 20_000, description: 'queue alert resolved' },
    )
  })

  it("shows a service's slowest SDK operations under it in /health/detailed", async () => {
    const written = dashboard(new Date().toISOString())
    const timed = { count: 3, mean: 50, median: 50, std: 1, min: 40, max: 90, p95: 88, p99: 90, latest: 60 }
    written.metrics = {
      write_batch_time_ms: {
        ...timed,
        trend: 'stable',
        unit: 'ms',
        service: 'aggr-server',
        window_seconds: 300,
      },
    }
    written.operations = {
      write_batch: { count: 3, errors: 1, error_rate_percent: 33.33, recent_error_rate_percent: null },
    }
    await stack.client.set(keys.performanceDashboard, JSON.stringify(written), { EX: 3600 })
    const sdk = await waitFor(
      async () => {
        const detailed = (await running.get('/health/detailed')).body as {
          services: Record<string, { details: Record<string, unknown> }>
        }
        const figures = detailed.services.aggr_server?.details.sdk
        if (figures === undefined) throw new Error('no sdk figures yet')
        return figures
      },
      { timeoutMs: 20_000, description: 'sdk figures' },
    )
    expect(sdk).toEqual({
      operations: [
        {
          operation: 'write_batch',
          p95_ms: 88,
          count: 3,
          errors: 1,
          error_rate_percent: 33.33,
          recent_error_rate_percent: null,
        },
      ],
    })
  })

  it('exposes the figures on /metrics, clean for promtool', async () => {
    const text = await waitFor(
      async () => {
        const { text } = await running.get('/metrics')
        if (!text.includes('squeezeflow_signals_per_minute ')) throw new Error('not yet')
        return text
      },
      { timeoutMs: 20_000, description: 'watch metrics' },
    )
    for (const name of [
      'squeezeflow_influx_write_points_per_second',
      'squeezeflow_influx_write_error_percent',
      'squeezeflow_redis_ops_per_second',
      'squeezeflow_newest_signal_age_seconds',
    ]) {
      expect(text).toMatch(new RegExp(`^${name} \\d`, 'm'))
    }
    const lint = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' })
    expect(lint.status, `${lint.stdout}${lint.stderr}`).toBe(0)
  })
})
