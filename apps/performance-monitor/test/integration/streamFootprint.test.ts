import { createRedisKeys } from '@squeezeflow/core'
import { type RedisServer, startRedis, waitFor } from '@squeezeflow/test-harness'
import { createClient } from 'redis'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startMonitor, TEST_PREFIX } from './helpers/startMonitor.js'

const keys = createRedisKeys(TEST_PREFIX)
const STREAM = keys.metricsIngestStream
const MB = 1024 * 1024

/** One stream entry of `points` points in the v1 field, as SDKs already deployed write it. */
function entry(points: number, seq: number): string {
  const batch = Array.from({ length: points }, (_, i) => ({
    metric_name: 'footprint_probe_ms',
    value: seq + i,
    unit: 'ms',
    service: 'footprint-test',
    tags: { padding: 'x'.repeat(100) },
    timestamp: Date.now(),
  }))
  return JSON.stringify(batch)
}

describe("the ingest stream's footprint in Redis (real redis-server)", () => {
  let redis: RedisServer
  let client: ReturnType<typeof createClient>

  beforeAll(async () => {
    redis = await startRedis()
    client = createClient({ url: redis.url })
    await client.connect()
  })
  afterAll(async () => {
    await client?.close()
    await redis?.stop()
  })
  beforeEach(async () => {
    await client.flushAll()
  })

  async function write(entries: number, pointsPerEntry: number): Promise<void> {
    for (let start = 0; start < entries; start += 100) {
      const multi = client.multi()
      for (let i = start; i < Math.min(entries, start + 100); i++)
        multi.xAdd(STREAM, '*', { p: entry(pointsPerEntry, i) })
      await multi.exec()
    }
  }

  const streamBytes = async () => (await client.memoryUsage(STREAM, { SAMPLES: 0 })) ?? 0

  it('trims what performance-monitor has acknowledged, so a consumer that keeps up leaves the stream nearly empty', async () => {
    await write(500, 10)
    expect(await client.xLen(STREAM)).toBe(500)
    const service = await startMonitor(redis)
    try {
      await waitFor(() => service.monitor.state.ingest.points === 5000, {
        timeoutMs: 30_000,
        description: 'all 5000 points ingested',
      })
      // Approximate trimming removes whole stream nodes (100 entries each by default), never more.
      await waitFor(async () => (await client.xLen(STREAM)) <= 100, {
        timeoutMs: 10_000,
        description: 'acknowledged entries trimmed',
      })
    } finally {
      await service.stop()
    }
  })

  it('caps an unconsumed backlog at INGEST_BACKLOG_MAX_MB, dropping and counting the oldest entries', async () => {
    // About 4 MB written while performance-monitor is away.
    await write(2000, 10)
    const before = await streamBytes()
    expect(before).toBeGreaterThan(3 * MB)
    const service = await startMonitor(redis, { INGEST_BACKLOG_MAX_MB: '1' })
    try {
      const { ingest } = service.monitor.state
      await waitFor(() => ingest.droppedEntries > 0 && ingest.entries + ingest.droppedEntries === 2000, {
        timeoutMs: 30_000,
        description: 'every entry either ingested or dropped',
      })
      // The newest entries were kept: 90 % of 1 MB holds about a fifth of them.
      expect(ingest.entries).toBeGreaterThan(300)
      expect(ingest.entries).toBeLessThan(600)
      expect(ingest.points).toBe(ingest.entries * 10)
      const metrics = await (await fetch(`${service.url}/metrics`)).text()
      expect(metrics).toMatch(
        new RegExp(`^squeezeflow_perf_ingest_dropped_entries_total ${ingest.droppedEntries}$`, 'm'),
      )
      expect(metrics).toMatch(/^squeezeflow_perf_ingest_stream_bytes \d+/m)
      const dashboard = await service.getJson('/dashboard')
      expect(dashboard.body.ingest).toMatchObject({ dropped_entries: ingest.droppedEntries })
    } finally {
      await service.stop()
    }
  })
})
