import { createRedisKeys, type Dashboard, type MetricPoint } from '@squeezeflow/core'
import { type RedisServer, startRedis, waitFor } from '@squeezeflow/test-harness'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMonitor, TEST_PREFIX } from './helpers/startMonitor.js'
import { type SdkProducer, startSdkProducer } from './helpers/startSdkProducer.js'
import { waitForValue } from './helpers/waitForValue.js'

const keys = createRedisKeys(TEST_PREFIX)

describe('ingest from the SDK stream (real redis-server, SDK in a second process)', () => {
  let redis: RedisServer
  let client: ReturnType<typeof createClient>
  let producer: SdkProducer

  beforeAll(async () => {
    redis = await startRedis()
    client = createClient({ url: redis.url })
    await client.connect()
    producer = startSdkProducer(redis, TEST_PREFIX)
  })
  afterAll(async () => {
    await producer?.close()
    await client?.close()
    await redis?.stop()
  })

  const readDashboard = async () => {
    const text = await client.get(keys.performanceDashboard)
    return text === null ? undefined : (JSON.parse(text) as Dashboard)
  }

  it('shows timings recorded with the SDK in the dashboard key and in the metric list', async () => {
    const service = await startMonitor(redis)
    try {
      expect(await producer.send('loop order_submit 2')).toEqual({ command: 'loop' })
      const dashboard = await waitForValue(
        async () => {
          const d = await readDashboard()
          return (d?.metrics.order_submit_time_ms?.count ?? 0) >= 5 ? d : undefined
        },
        { timeoutMs: 20_000, description: 'order_submit_time_ms in the dashboard key' },
      )
      await producer.send('idle')
      expect(dashboard.metrics.order_submit_time_ms).toMatchObject({ unit: 'ms', service: 'sdk-producer' })
      expect(dashboard.metrics.order_submit_time_ms?.min).toBeGreaterThanOrEqual(1)
      expect(dashboard.operations.order_submit?.count).toBeGreaterThanOrEqual(5)
      expect(Date.parse(dashboard.last_updated)).not.toBeNaN()
      expect(await client.ttl(keys.performanceDashboard)).toBeGreaterThan(3000)

      const listKey = keys.metric('order_submit_time_ms')
      const list = (await client.lRange(listKey, 0, -1)).map((p) => JSON.parse(p) as MetricPoint)
      expect(list.length).toBeGreaterThanOrEqual(5)
      expect(list[0]).toMatchObject({
        metric_name: 'order_submit_time_ms',
        unit: 'ms',
        service: 'sdk-producer',
      })
      const times = list.map((p) => p.timestamp)
      expect(times).toEqual([...times].sort((a, b) => b - a))
      expect(await client.ttl(listKey)).toBeGreaterThan(3000)
      // Collected metrics are listed too, so `KEYS <prefix>:metrics:*` shows the whole picture.
      expect(await client.keys(keys.metricsPattern)).toEqual(
        expect.arrayContaining([keys.metric('system_cpu_percent')]),
      )
    } finally {
      await service.stop()
    }
  })

  it('keeps each list at the configured length', async () => {
    const service = await startMonitor(redis, { METRICS_LIST_LENGTH: '50' })
    try {
      await producer.send('record list_bound_ms 3 120')
      await waitFor(() => service.monitor.state.store.info('list_bound_ms')?.totalCount === 120, {
        timeoutMs: 20_000,
        description: '120 points ingested',
      })
      await waitFor(async () => (await client.lLen(keys.metric('list_bound_ms'))) === 50, {
        timeoutMs: 10_000,
      })
    } finally {
      await service.stop()
    }
  })

  it('ingests, once each, the points recorded while the service was stopped', async () => {
    const first = await startMonitor(redis)
    await first.stop()
    const answer = await producer.send('record while_down_ms 7 250')
    expect(answer).toMatchObject({ shipped: 250, remaining: 0 })
    const second = await startMonitor(redis)
    try {
      const summary = await waitForValue(
        async () => {
          const s = second.monitor.state.store.summary('while_down_ms')
          return s && s.count >= 250 ? s : undefined
        },
        { timeoutMs: 20_000, description: 'backlog ingested' },
      )
      expect(summary).toMatchObject({ count: 250, mean: 7, p99: 7 })
      expect((await second.getJson('/health')).body.ingest).toMatchObject({ points: 250 })
      expect(await (await fetch(`${second.url}/metrics`)).text()).toContain(
        'squeezeflow_perf_ingested_points_total 250',
      )
      const group = (await client.xInfoGroups(keys.metricsIngestStream)) as unknown as Array<
        Record<string, unknown>
      >
      expect(group[0]).toMatchObject({ name: 'performance-monitor', pending: 0 })
    } finally {
      await second.stop()
    }
  })
})
