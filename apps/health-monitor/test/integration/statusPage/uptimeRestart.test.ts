import { createManualClock, type HealthStatus } from '@squeezeflow/core'
import { type RedisServer, startRedis } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStatusPage } from '../../../src/statusPage/createStatusPage.js'
import { TIERS } from '../../../src/statusPage/statusBuckets.js'
import { createFakeMonitor, INTERVAL_SECONDS } from './statusPageFixtures.js'

describe('status history in Redis', () => {
  let redis: RedisServer
  const manual = createManualClock(Date.parse('2026-03-01T12:00:00Z'))

  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(async () => {
    await redis?.stop()
  })

  it('keeps uptime across a monitor restart, and a gap while it was down counts as unknown, never up', async () => {
    const first = createFakeMonitor({
      redisPort: redis.port,
      clock: manual.clock,
      config: { enabled: false },
    })
    await first.ready()
    const before = createStatusPage(first.deps)
    await before.start()
    const script: HealthStatus[] = [
      ...Array<HealthStatus>(30).fill('healthy'),
      ...Array<HealthStatus>(10).fill('unhealthy'),
    ]
    for (const status of script) {
      manual.advance(INTERVAL_SECONDS * 1000)
      await first.cycle({ redis: status })
    }
    const figures = before.uptime('redis', '24h')
    expect(figures).toMatchObject({ ratio: 0.75, checked_seconds: 40 * INTERVAL_SECONDS })
    const key = first.keys.statusHistory('redis')
    expect(await first.redis.client.pTTL(key)).toBeGreaterThan(89 * 86_400_000)
    expect(await first.redis.client.hLen(key)).toBeLessThanOrEqual(
      TIERS.m.count + TIERS.h.count + TIERS.d.count + 1,
    )
    await before.stop()
    await first.close()

    // Down for ten minutes, then a new process with nothing in memory.
    manual.advance(10 * 60_000)
    const second = createFakeMonitor({
      redisPort: redis.port,
      clock: manual.clock,
      config: { enabled: false },
    })
    await second.ready()
    const after = createStatusPage(second.deps)
    await after.start()
    // The window slides by whole minutes, so the figures are the same: the gap is unknown time either way.
    expect(after.uptime('redis', '24h')).toEqual(figures)
    expect(after.uptime('redis', '90d').checked_seconds).toBe(40 * INTERVAL_SECONDS)

    manual.advance(INTERVAL_SECONDS * 1000)
    await second.cycle({ redis: 'healthy' })
    // The first check after the gap vouches for one interval, not for the ten minutes nobody looked.
    expect(after.uptime('redis', '24h')).toMatchObject({
      ratio: 31 / 41,
      checked_seconds: 41 * INTERVAL_SECONDS,
    })
    expect(after.uptimeAll()).toHaveLength(6 * 4)
    await after.stop()
    await second.close()
  })
})
