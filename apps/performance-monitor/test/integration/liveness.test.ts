import type { HostProbe } from '@squeezeflow/service-kit/host'
import { startRedis } from '@squeezeflow/test-harness'
import { describe, expect, it } from 'vitest'
import { startMonitor } from './helpers/startMonitor.js'
import { waitForValue } from './helpers/waitForValue.js'

/** A host probe whose every call hangs until `release()` (then fails), so collection runs stop completing. */
function hangingHostProbe() {
  let release = () => {}
  const released = new Promise<void>((resolve) => (release = resolve))
  const hang = async (): Promise<never> => {
    await released
    throw new Error('host probe released')
  }
  const probe: HostProbe = {
    cpuPercent: hang,
    memory: hang,
    disk: hang,
    loadAverage: hang,
    networkTotals: hang,
  }
  return { probe, release }
}

describe('/livez (real redis-server)', () => {
  it('turns 503 naming the collection loop once its runs stop completing', async () => {
    const redis = await startRedis()
    try {
      const hanging = hangingHostProbe()
      const service = await startMonitor(
        redis,
        { COLLECTION_INTERVAL_SECONDS: '0.1' },
        { hostProbe: hanging.probe },
      )
      try {
        const stalled = await waitForValue(
          async () => {
            const livez = await service.getJson('/livez')
            return livez.status === 503 ? livez : undefined
          },
          { timeoutMs: 20_000, description: '/livez 503' },
        )
        expect(stalled.body).toMatchObject({ status: 'stalled', stalled: ['collection'] })
        const tasks = stalled.body.tasks as Array<{ name: string; stalled: boolean }>
        expect(tasks.map((t) => t.name)).toEqual([
          'collection',
          'dashboard',
          'memory-profile',
          'alert-delivery',
          'ingest',
        ])
        expect(tasks.filter((t) => t.stalled).map((t) => t.name)).toEqual(['collection'])
      } finally {
        hanging.release()
        await service.stop()
      }
    } finally {
      await redis.stop()
    }
  })
})
