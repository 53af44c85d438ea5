import { PassThrough } from 'node:stream'
import { type RedisServer, startRedis, waitFor } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../src/logger/createLogger.js'
import { createRedisConnection } from '../src/redis/createRedisConnection.js'

const logger = createLogger({ service: 'core-test', level: 'ERROR', stream: new PassThrough() })

describe('createRedisConnection against a real redis-server', () => {
  let redis: RedisServer

  beforeAll(async () => {
    redis = await startRedis({ extraArgs: ['--requirepass', 's3cret pass'] })
  })
  afterAll(async () => {
    await redis?.stop()
  })

  it('authenticates with the configured password', async () => {
    const connection = createRedisConnection({ ...redis, password: 's3cret pass', name: 'auth-ok', logger })
    await waitFor(() => connection.isReady(), { description: 'ready' })
    expect(await connection.client.ping()).toBe('PONG')
    await connection.close()
  })

  it('without the password it is never ready, says why, and does not crash the process', async () => {
    const connection = createRedisConnection({ ...redis, name: 'auth-missing', logger })
    await waitFor(() => connection.lastError() !== undefined, { description: 'an error' })
    expect(connection.isReady()).toBe(false)
    expect(connection.lastError()).toMatch(/NOAUTH|auth/i)
    await connection.close()
  })

  it('fails commands at once while Redis is away and recovers when it returns', async () => {
    const connection = createRedisConnection({ ...redis, password: 's3cret pass', name: 'outage', logger })
    await waitFor(() => connection.isReady(), { description: 'ready' })
    await redis.kill()
    await waitFor(() => !connection.isReady(), { description: 'noticed the outage' })
    await expect(connection.client.ping()).rejects.toThrow()
    await redis.restart()
    await waitFor(() => connection.isReady(), { timeoutMs: 20_000, description: 'reconnected' })
    expect(await connection.client.ping()).toBe('PONG')
    await connection.close()
  })
})
