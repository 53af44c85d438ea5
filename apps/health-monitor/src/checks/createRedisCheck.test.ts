import { describe, expect, it } from 'vitest'
import { createRedisCheck, redisOutcome } from './createRedisCheck.js'

const LIMITS = { slowMs: 1000, memoryBytes: 1024 ** 3 }

describe('redis check', () => {
  it('is healthy when fast and small, with memory, clients and version in the details', () => {
    const outcome = redisOutcome(
      {
        pingMs: 0.4,
        version: '7.0.15',
        usedMemoryBytes: 2 * 1024 ** 2,
        connectedClients: 3,
        uptimeSeconds: 10,
      },
      LIMITS,
    )
    expect(outcome.status).toBe('healthy')
    expect(outcome.details).toMatchObject({
      version: '7.0.15',
      used_memory_mb: 2,
      connected_clients: 3,
      ping_ms: 0.4,
    })
  })

  it('is degraded when slow (> 1 s) or big (> 1 GB)', () => {
    expect(redisOutcome({ pingMs: 1001 }, LIMITS).status).toBe('degraded')
    expect(redisOutcome({ pingMs: 1, usedMemoryBytes: 1024 ** 3 + 1 }, LIMITS).message).toMatch(/memory/)
    expect(redisOutcome({ pingMs: 1000, usedMemoryBytes: 1024 ** 3 }, LIMITS).status).toBe('healthy')
  })

  it('is critical with the reason when unreachable', async () => {
    const check = createRedisCheck({ sample: () => Promise.reject(new Error('ECONNREFUSED')) }, LIMITS)
    const outcome = await check()
    expect(outcome.status).toBe('critical')
    expect(outcome.message).toBe('redis unreachable: ECONNREFUSED')
  })
})
