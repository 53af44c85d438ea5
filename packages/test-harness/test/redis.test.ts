import { existsSync } from 'node:fs'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HarnessStartError, type RedisServer, startRedis, waitFor } from '../src/index.js'
import { isAlive } from '../src/procfs.js'

describe('startRedis', () => {
  let redis: RedisServer

  beforeAll(async () => {
    redis = await startRedis()
  })

  afterAll(async () => {
    await redis?.stop()
  })

  it('listens on a free loopback port, not the default one', () => {
    expect(redis.host).toBe('127.0.0.1')
    expect(redis.port).not.toBe(6379)
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`)
    expect(redis.lastStartMs).toBeGreaterThan(0)
  })

  it('round-trips SET/GET and delivers a pub/sub message', async () => {
    const client = createClient({ url: redis.url })
    const subscriber = client.duplicate()
    try {
      await Promise.all([client.connect(), subscriber.connect()])
      await client.set('harness:key', 'value')
      expect(await client.get('harness:key')).toBe('value')

      const received: string[] = []
      await subscriber.subscribe('harness:channel', (message) => {
        received.push(message)
      })
      await client.publish('harness:channel', 'hello')
      await waitFor(() => received.length > 0, { timeoutMs: 5000, description: 'pub/sub message' })
      expect(received).toEqual(['hello'])
    } finally {
      client.destroy()
      subscriber.destroy()
    }
  })

  it('comes back on the same port after kill() and restart()', async () => {
    const port = redis.port
    const oldPid = redis.pid
    await redis.kill()
    expect(redis.pid).toBeUndefined()
    expect(isAlive(oldPid ?? -1)).toBe(false)

    await redis.restart()
    expect(redis.port).toBe(port)
    expect(redis.pid).not.toBe(oldPid)

    const client = createClient({ url: `redis://127.0.0.1:${port}` })
    try {
      await client.connect()
      expect(await client.ping()).toBe('PONG')
      // No persistence: a crash loses everything, as the harness promises.
      expect(await client.get('harness:key')).toBeNull()
    } finally {
      client.destroy()
    }
  })

  it('stop() removes the temp dir and is idempotent', async () => {
    const other = await startRedis()
    const pid = other.pid
    await other.stop()
    await other.stop()
    expect(isAlive(pid ?? -1)).toBe(false)
    expect(existsSync(other.dir)).toBe(false)
    await expect(other.restart()).rejects.toThrow(/stopped/)
  })

  it('fails to start with the tail of the server log in the error', async () => {
    const error = await startRedis({ extraArgs: ['--no-such-directive', 'x'] }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HarnessStartError)
    const startError = error as HarnessStartError
    expect(startError.message).toMatch(/redis-server exited \(1\) before it was ready/)
    expect(startError.logTail).toMatch(/Bad directive or wrong number of arguments/)
    expect(existsSync(startError.logPath)).toBe(false)
  })
})
