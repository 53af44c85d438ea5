import { performance } from 'node:perf_hooks'
import { type Clock, createRedisKeys, DEFAULT_REDIS_PREFIX, systemClock } from '@squeezeflow/core'
import { MetricsSdkOptionError } from './errors.js'
import type { IngestClient, InvalidInputPolicy, PerformanceMonitorOptions, RedisAddress } from './types.js'

export interface ResolvedOptions {
  readonly service: string
  readonly redis: RedisAddress | IngestClient
  /** `<prefix>:ingest:metrics`. */
  readonly streamKey: string
  /** `<prefix>:alert_rules`. */
  readonly alertRulesKey: string
  readonly onInvalid: InvalidInputPolicy
  readonly flushIntervalMs: number
  readonly batchSize: number
  readonly bufferCapacity: number
  readonly maxPointsPerEntry: number
  readonly maxPointsPerFlush: number
  readonly streamMaxLen: number
  readonly backlogMaxBytes: number
  readonly maxTagSetsPerMetric: number
  readonly maxMetrics: number
  readonly errorRateHoldMs: number
  readonly shipTimeoutMs: number
  readonly clock: Clock
  readonly monotonicNow: () => number
}

const SERVICE_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/

export function isIngestClient(redis: RedisAddress | IngestClient): redis is IngestClient {
  return typeof (redis as IngestClient).sendCommand === 'function'
}

function integer(
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  const resolved = value ?? fallback
  if (!Number.isInteger(resolved) || resolved < min || resolved > max) {
    throw new MetricsSdkOptionError(
      `option ${name} must be an integer from ${min} to ${max}, got ${String(value)}`,
    )
  }
  return resolved
}

function checkRedis(redis: PerformanceMonitorOptions['redis']): RedisAddress | IngestClient {
  if (typeof redis !== 'object' || redis === null) {
    throw new MetricsSdkOptionError('option redis must be { host, port } or a node-redis client')
  }
  if (isIngestClient(redis)) return redis
  if (typeof redis.host !== 'string' || redis.host === '') {
    throw new MetricsSdkOptionError('option redis.host must be a non-empty string')
  }
  integer('redis.port', redis.port, 0, 1, 65_535)
  integer('redis.db', redis.db, 0, 0, 10_000)
  return redis
}

function redisKeys(prefix: string) {
  try {
    return createRedisKeys(prefix)
  } catch (error) {
    throw new MetricsSdkOptionError(`option prefix: ${(error as Error).message}`)
  }
}

/** Merges defaults into the caller's options and checks each once; errors name the option. */
export function resolveOptions(options: PerformanceMonitorOptions): ResolvedOptions {
  if (typeof options.service !== 'string' || !SERVICE_PATTERN.test(options.service)) {
    throw new MetricsSdkOptionError(
      `option service must match ${SERVICE_PATTERN}, got ${JSON.stringify(options.service)}`,
    )
  }
  const onInvalid = options.onInvalid ?? 'drop'
  if (onInvalid !== 'drop' && onInvalid !== 'throw') {
    throw new MetricsSdkOptionError(
      `option onInvalid must be 'drop' or 'throw', got ${JSON.stringify(onInvalid)}`,
    )
  }
  const bufferCapacity = integer('bufferCapacity', options.bufferCapacity, 100_000, 1, 10_000_000)
  const maxPointsPerEntry = integer('maxPointsPerEntry', options.maxPointsPerEntry, 1000, 1, 100_000)
  const keys = redisKeys(options.prefix ?? DEFAULT_REDIS_PREFIX)
  return {
    service: options.service,
    redis: checkRedis(options.redis),
    streamKey: keys.metricsIngestStream,
    alertRulesKey: keys.alertRules,
    onInvalid,
    flushIntervalMs: integer('flushIntervalMs', options.flushIntervalMs, 1000, 0, 3_600_000),
    batchSize: integer('batchSize', options.batchSize, Math.min(1000, bufferCapacity), 1, bufferCapacity),
    bufferCapacity,
    maxPointsPerEntry,
    maxPointsPerFlush: integer(
      'maxPointsPerFlush',
      options.maxPointsPerFlush,
      Math.max(20_000, maxPointsPerEntry),
      maxPointsPerEntry,
      10_000_000,
    ),
    streamMaxLen: integer('streamMaxLen', options.streamMaxLen, 10_000, 1, 100_000_000),
    backlogMaxBytes: integer('backlogMaxBytes', options.backlogMaxBytes, 64 * 1024 * 1024, 1024, 2 ** 40),
    maxTagSetsPerMetric: integer('maxTagSetsPerMetric', options.maxTagSetsPerMetric, 100, 1, 100_000),
    maxMetrics: integer('maxMetrics', options.maxMetrics, 1000, 1, 100_000),
    errorRateHoldMs: integer('errorRateHoldMs', options.errorRateHoldMs, 300_000, 0, 86_400_000),
    shipTimeoutMs: integer('shipTimeoutMs', options.shipTimeoutMs, 5000, 1, 600_000),
    clock: options.clock ?? systemClock,
    monotonicNow: options.monotonicNow ?? (() => performance.now()),
  }
}
