import { errorMessage } from '@squeezeflow/core'
import type { CheckFn, CheckOutcome } from '../types.js'
import { deriveRedisFigures, type RedisInfoSample } from '../watch/deriveRedisFigures.js'

/** What one look at Redis found. */
export interface RedisSample {
  /** PING round trip, in ms. */
  pingMs: number
  version?: string
  usedMemoryBytes?: number
  connectedClients?: number
  uptimeSeconds?: number
  /** The parsed INFO the sample came from: cache and rate figures come from two successive ones. */
  info?: RedisInfoSample
}

/** Rejects when Redis cannot be reached. */
export interface RedisStatsSource {
  sample(): Promise<RedisSample>
}

export interface RedisThresholds {
  /** A PING slower than this is degraded, in ms. Default 1000. */
  slowMs: number
  /** More memory than this is degraded, in bytes. Default 1 GiB. */
  memoryBytes: number
}

const MIB = 1024 * 1024

/** Slow (> slowMs) or big (> memoryBytes) → degraded. */
export function redisOutcome(sample: RedisSample, { slowMs, memoryBytes }: RedisThresholds): CheckOutcome {
  const details = {
    reachable: true,
    ping_ms: sample.pingMs,
    version: sample.version ?? null,
    used_memory_bytes: sample.usedMemoryBytes ?? null,
    used_memory_mb:
      sample.usedMemoryBytes === undefined ? null : Math.round((sample.usedMemoryBytes / MIB) * 10) / 10,
    connected_clients: sample.connectedClients ?? null,
    uptime_seconds: sample.uptimeSeconds ?? null,
  }
  const problems: string[] = []
  if (sample.pingMs > slowMs)
    problems.push(`slow: PING took ${Math.round(sample.pingMs)} ms (> ${slowMs} ms)`)
  if (sample.usedMemoryBytes !== undefined && sample.usedMemoryBytes > memoryBytes) {
    problems.push(`memory ${details.used_memory_mb} MB exceeds ${Math.round(memoryBytes / MIB)} MB`)
  }
  if (problems.length > 0) return { status: 'degraded', message: problems.join('; '), details }
  const version = sample.version ? ` ${sample.version}` : ''
  return { status: 'healthy', message: `redis${version} answering in ${sample.pingMs} ms`, details }
}

/** Figures of the INFO before (none in the first cycle: every name present, null). */
function infoFigures(previous: RedisInfoSample | undefined, current: RedisInfoSample | undefined) {
  if (current === undefined) return {}
  const figures = deriveRedisFigures(previous ?? current, current)
  if (previous !== undefined) return figures
  return {
    ...figures,
    cache_hit_ratio: null,
    ops_per_sec: null,
    evicted_keys_per_min: null,
    expired_keys_per_min: null,
  }
}

/** PING, memory, clients and version, cache hit ratio and rates over the last cycle; unreachable → critical. */
export function createRedisCheck(source: RedisStatsSource, thresholds: RedisThresholds): CheckFn {
  let previous: RedisInfoSample | undefined
  return async () => {
    try {
      const sample = await source.sample()
      const outcome = redisOutcome(sample, thresholds)
      const figures = infoFigures(previous, sample.info)
      previous = sample.info
      return { ...outcome, details: { ...outcome.details, ...figures } }
    } catch (err) {
      return {
        status: 'critical',
        message: `redis unreachable: ${errorMessage(err)}`,
        details: { reachable: false, error: errorMessage(err) },
      }
    }
  }
}
