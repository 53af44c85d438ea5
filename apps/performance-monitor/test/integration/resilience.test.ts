import { createRedisKeys } from '@squeezeflow/core'
import { type RedisServer, startRedis, waitFor } from '@squeezeflow/test-harness'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMonitor, TEST_PREFIX } from './helpers/startMonitor.js'
import { type SdkProducer, startSdkProducer } from './helpers/startSdkProducer.js'
import { waitForValue } from './helpers/waitForValue.js'

const keys = createRedisKeys(TEST_PREFIX)

describe('Redis going away and coming back (real redis-server)', () => {
  let redis: RedisServer
  let producer: SdkProducer

  beforeAll(async () => {
    redis = await startRedis()
    producer = startSdkProducer(redis, TEST_PREFIX)
  })
  afterAll(async () => {
    await producer?.close()
    await redis?.stop()
  })

  it('keeps running when Redis is killed, says so on /health, and ingests again once it is back', async () => {
    const service = await startMonitor(redis)
    try {
      await producer.send('record before_kill_ms 1 10')
      await waitFor(() => service.monitor.state.store.info('before_kill_ms')?.totalCount === 10, {
        timeoutMs: 20_000,
      })

      await redis.kill()
      const down = await waitForValue(async () => {
        const health = await service.getJson('/health')
        return health.body.status === 'degraded' ? health : undefined
      })
      expect(down.status).toBe(200)
      expect(down.body.redis).toMatchObject({ connected: false })
      expect(String((down.body.problems as string[])[0])).toMatch(/^redis unreachable/)
      expect((await service.getJson('/livez')).status).toBe(200)
      // The SDK buffers what is recorded meanwhile; collection goes on in memory.
      expect(await producer.send('record during_outage_ms 2 40')).toMatchObject({ remaining: 40 })
      const cyclesBefore = service.monitor.state.cycle.lastCycleAt() as number
      await waitFor(() => (service.monitor.state.cycle.lastCycleAt() as number) > cyclesBefore)

      // Restarted empty (no persistence): the group and stream are recreated.
      await redis.restart()
      const up = await waitForValue(
        async () => {
          const health = await service.getJson('/health')
          return health.body.status === 'healthy' ? health : undefined
        },
        { timeoutMs: 20_000, description: 'healthy again' },
      )
      expect(up.body.redis).toMatchObject({ connected: true, state: 'ready' })
      await waitFor(() => service.monitor.state.store.info('during_outage_ms')?.totalCount === 40, {
        timeoutMs: 20_000,
        description: 'points buffered by the SDK during the outage',
      })
      await producer.send('record after_restart_ms 3 5')
      await waitFor(() => service.monitor.state.store.info('after_restart_ms')?.totalCount === 5, {
        timeoutMs: 20_000,
      })
      const client = createClient({ url: redis.url })
      await client.connect()
      try {
        await waitFor(async () => (await client.exists(keys.performanceDashboard)) === 1, {
          timeoutMs: 10_000,
        })
        // Lists are written at most every 250 ms, and once the stream is quiet (README, "Redis keys").
        await waitFor(async () => (await client.lLen(keys.metric('after_restart_ms'))) === 5, {
          timeoutMs: 10_000,
          description: 'the points in their list',
        })
      } finally {
        await client.close()
      }
    } finally {
      await service.stop()
    }
  })

  it('starts without Redis and connects when it appears', async () => {
    await redis.kill()
    const service = await startMonitor(redis)
    try {
      const health = await waitForValue(async () => {
        const h = await service.getJson('/health')
        return h.body.collection && (h.body.collection as { last_cycle_at: unknown }).last_cycle_at
          ? h
          : undefined
      })
      expect(health).toMatchObject({ status: 200, body: { status: 'degraded', redis: { connected: false } } })
      expect((await service.getJson('/dashboard')).body.redis).toMatchObject({ connected: false })
      await redis.restart()
      await waitFor(async () => (await service.getJson('/health')).body.status === 'healthy', {
        timeoutMs: 20_000,
      })
      await producer.send('record late_start_ms 4 3')
      await waitFor(() => service.monitor.state.store.info('late_start_ms')?.totalCount === 3, {
        timeoutMs: 20_000,
      })
    } finally {
      await service.stop()
    }
  })
})
