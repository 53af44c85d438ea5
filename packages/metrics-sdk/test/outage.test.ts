import { setTimeout as sleep } from 'node:timers/promises'
import { type RedisServer, startRedis, waitFor } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, createMonitor, readStream, recordSequence, spawnRecordingService } from './helpers.js'

describe('Redis going away and coming back', () => {
  let redis: RedisServer

  beforeAll(async () => {
    redis = await startRedis()
  })

  afterAll(async () => {
    await redis?.stop()
  })

  it('a recording process survives a Redis crash, buffers, and delivers after the restart', async () => {
    const service = spawnRecordingService({ REDIS_PORT: String(redis.port), MODE: 'continuous' })
    try {
      let client = await connect(redis.port)
      await waitFor(async () => (await readStream(client)).length > 0, {
        description: 'first points shipped',
      })
      client.destroy()

      await redis.kill()
      const progressAtKill = service.progress.length
      // Anything recorded after the first progress line printed after the kill was recorded while Redis was dead.
      await waitFor(() => service.progress.length > progressAtKill + 1, {
        description: 'progress after the kill',
      })
      const afterKillSeq = Number(service.progress[progressAtKill + 1]?.seq)
      await sleep(1000)
      const duringOutage = service.progress.at(-1) ?? {}
      expect(service.child.exitCode).toBeNull()
      expect(duringOutage.buffered).toBeGreaterThan(100)
      expect(duringOutage.lastError).toEqual(expect.any(String))

      await redis.restart()
      client = await connect(redis.port)
      try {
        await waitFor(() => service.progress.at(-1)?.lastError === undefined, {
          timeoutMs: 15_000,
          description: 'recording service reconnected',
        })
        service.child.stdin.end('stop\n')
        const { code, result } = await service.exited
        expect(service.stderr()).toBe('')
        expect(code).toBe(0)
        expect(result).toMatchObject({ buffered: 0, dropped: 0, rejected: 0 })

        // The restarted server is empty (no persistence), so all it holds came after the crash: every seq from
        // before the outage's recordings up to the last one, without a gap.
        const seqs = (await readStream(client)).filter((p) => p.metric_name === 'seq').map((p) => p.value)
        const first = seqs[0] ?? Number.NaN
        expect(first).toBeLessThanOrEqual(afterKillSeq + 1)
        expect(seqs).toEqual(Array.from({ length: Number(result?.lastSeq) - first + 1 }, (_, i) => first + i))
        expect(seqs.length).toBeGreaterThan(Number(duringOutage.seq) - afterKillSeq)
      } finally {
        client.destroy()
      }
    } finally {
      if (service.child.exitCode === null) service.child.kill('SIGKILL')
    }
  })

  it('keeps at most bufferCapacity points, drops the oldest, and reports the drop count when back', async () => {
    await using perf = createMonitor(redis, { flushIntervalMs: 0, bufferCapacity: 100, batchSize: 100 })
    perf.recordMetric({ metricName: 'before', value: 1, unit: 'count' })
    expect((await perf.flush()).error).toBeUndefined()

    await redis.kill()
    await waitFor(async () => (await perf.flush()).error !== undefined, {
      description: 'sdk sees redis down',
    })
    recordSequence(perf, 250)
    await perf.flush()
    expect(perf.stats()).toMatchObject({ buffered: 100, dropped: 150 })

    await redis.restart()
    // The reconnect itself triggers the flush.
    await waitFor(() => perf.stats().buffered === 0, { timeoutMs: 15_000, description: 'buffer delivered' })
    const client = await connect(redis.port)
    try {
      const points = await readStream(client)
      expect(points.filter((p) => p.metric_name === 'seq').map((p) => p.value)).toEqual(
        Array.from({ length: 100 }, (_, i) => 150 + i),
      )
      expect(points.filter((p) => p.metric_name === 'sdk_dropped_points_total').map((p) => p.value)).toEqual([
        150,
      ])
    } finally {
      client.destroy()
    }
    expect(perf.stats()).toMatchObject({ buffered: 0, dropped: 150, lastError: undefined })
  })

  it('close() returns promptly while Redis is down, keeping count of what it could not ship', async () => {
    await redis.kill()
    try {
      const perf = createMonitor(redis)
      perf.recordMetric({ metricName: 'lost', value: 1, unit: 'count' })
      const started = Date.now()
      await perf.close()
      expect(Date.now() - started).toBeLessThan(6000)
      expect(perf.stats()).toMatchObject({ buffered: 1, shipped: 0 })
      expect(perf.stats().lastError).toMatch(/ECONNREFUSED|not connected|closed/i)
      expect(perf.recordMetric({ metricName: 'late', value: 1, unit: 'count' })).toBe(false)
      expect(perf.stats().dropped).toBe(1)
    } finally {
      await redis.restart()
    }
  })
})
