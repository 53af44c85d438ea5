import { describe, expect, it } from 'vitest'
import { MetricsSdkOptionError } from './errors.js'
import { resolveOptions } from './resolveOptions.js'

const redis = { host: '127.0.0.1', port: 6379 }

describe('resolveOptions', () => {
  it('fills in the documented defaults', () => {
    const resolved = resolveOptions({ service: 'strategy-runner', redis })
    expect(resolved).toMatchObject({
      streamKey: 'squeezeflow:ingest:metrics',
      onInvalid: 'drop',
      flushIntervalMs: 1000,
      batchSize: 1000,
      bufferCapacity: 100_000,
      maxPointsPerEntry: 1000,
      maxPointsPerFlush: 20_000,
      streamMaxLen: 10_000,
      maxTagSetsPerMetric: 100,
      maxMetrics: 1000,
      errorRateHoldMs: 300_000,
      shipTimeoutMs: 5000,
    })
    expect(resolveOptions({ service: 's', redis, prefix: 'test' }).streamKey).toBe('test:ingest:metrics')
  })

  it.each([
    [{ service: 'has space' }, /^option service must match/],
    [{ prefix: 'a b' }, /^option prefix: Redis prefix "a b" must match/],
    [{ onInvalid: 'ignore' }, "option onInvalid must be 'drop' or 'throw', got \"ignore\""],
    [{ bufferCapacity: 0 }, 'option bufferCapacity must be an integer from 1 to 10000000, got 0'],
    [{ bufferCapacity: 10, batchSize: 11 }, 'option batchSize must be an integer from 1 to 10, got 11'],
    [
      { maxPointsPerEntry: 100, maxPointsPerFlush: 50 },
      /^option maxPointsPerFlush must be an integer from 100/,
    ],
    [{ flushIntervalMs: -1 }, /^option flushIntervalMs must be/],
    [{ redis: { host: '', port: 1 } }, 'option redis.host must be a non-empty string'],
    [
      { redis: { host: 'h', port: 70_000 } },
      'option redis.port must be an integer from 1 to 65535, got 70000',
    ],
    [{ redis: null }, 'option redis must be { host, port } or a node-redis client'],
  ])('rejects %j naming the option', (override, message) => {
    const options = { service: 'strategy-runner', redis, ...override } as Parameters<typeof resolveOptions>[0]
    expect(() => resolveOptions(options)).toThrow(MetricsSdkOptionError)
    expect(() => resolveOptions(options)).toThrow(message)
  })
})
