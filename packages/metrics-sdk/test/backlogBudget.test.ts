import { type RedisServer, startRedis } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, createMonitor, recordSequence, STREAM, type TestClient } from './helpers.js'

const KB = 1024

describe("the SDK's backlog budget (real redis-server, nobody consuming)", () => {
  let redis: RedisServer
  let client: TestClient

  beforeAll(async () => {
    redis = await startRedis()
    client = await connect(redis.port)
  })
  afterAll(async () => {
    client?.destroy()
    await redis?.stop()
  })

  it('keeps the stream near backlogMaxBytes however much is recorded, newest points kept', async () => {
    const budget = 256 * KB
    await using perf = createMonitor(redis, { backlogMaxBytes: budget, maxPointsPerEntry: 100 })
    for (let round = 0; round < 20; round++) {
      recordSequence(perf, 10_000, 'budgeted', round * 10_000)
      await perf.flush()
    }
    const bytes = (await client.memoryUsage(STREAM, { SAMPLES: 0 })) ?? 0
    // `MAXLEN ~` trims whole stream nodes (100 entries), so the stream may exceed the budget by up to a node.
    expect(bytes).toBeLessThan(2 * budget)
    const [newest] = await client.xRevRange(STREAM, '+', '-', { COUNT: 1 })
    expect(newest).toBeDefined()
    // 2000 entries were written; only the newest few hundred fit the budget.
    expect(await client.xLen(STREAM)).toBeLessThan(500)
  })
})
