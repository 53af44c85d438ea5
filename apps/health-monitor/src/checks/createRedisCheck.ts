import { errorMessage } from '@squeezeflow/core'
import type { CheckFn, CheckOutcome } from '../types.js'

/** What one look at Redis found. */
export interface RedisSample {
  /** PING round trip, in ms. */
  pingMs: number
  version?: string
  usedMemoryBytes?: number
  connectedClients?: number
  uptimeSeconds?: number
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

/** PING, memory, clients and version; unreachable → critical. */
export function createRedisCheck(source: RedisStatsSource, thresholds: RedisThresholds): CheckFn {
  return async () => {
    try {
      return redisOutcome(await source.sample(), thresholds)
    } catch (err) {
      return {
        status: 'critical',
        message: `redis unreachable: ${errorMessage(err)}`,
        details: { reachable: false, error: errorMessage(err) },
      }
    }
  }
}
