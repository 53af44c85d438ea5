import { infoNumber } from '../adapters/parseRedisInfo.js'
import { counterDelta, ratePer, round2 } from './counterDelta.js'

/** One parsed `INFO` (adapters/parseRedisInfo.ts), `atMs` when it was taken. */
export interface RedisInfoSample {
  atMs: number
  info: Map<string, string>
}

export interface RedisFigures {
  interval_seconds: number
  /** A counter went down (Redis restarted, or CONFIG RESETSTAT): no rate this cycle. */
  counters_reset: boolean
  /** hits / (hits + misses) over the last cycle, 0–1; null when no key was looked up. */
  cache_hit_ratio: number | null
  /** Commands processed per second (the monitor's own INFO included). */
  ops_per_sec: number | null
  evicted_keys_per_min: number | null
  expired_keys_per_min: number | null
  mem_fragmentation_ratio: number | null
  connected_clients: number | null
}

const COUNTERS = [
  'keyspace_hits',
  'keyspace_misses',
  'total_commands_processed',
  'evicted_keys',
  'expired_keys',
]
const round4 = (n: number) => Math.round(n * 10_000) / 10_000

/** Rates over the cycle between two INFO samples; the gauges are the newer sample's. */
export function deriveRedisFigures(previous: RedisInfoSample, current: RedisInfoSample): RedisFigures {
  const seconds = Math.max(0, (current.atMs - previous.atMs) / 1000)
  const before = (name: string) => infoNumber(previous.info, name)
  const now = (name: string) => infoNumber(current.info, name)
  const reset = COUNTERS.some((name) => (now(name) ?? Number.POSITIVE_INFINITY) < (before(name) ?? 0))
  const d = (name: string) => (reset ? null : counterDelta(before(name), now(name)))
  const hits = d('keyspace_hits')
  const misses = d('keyspace_misses')
  const lookups = hits === null || misses === null ? 0 : hits + misses
  return {
    interval_seconds: round2(seconds),
    counters_reset: reset,
    cache_hit_ratio: lookups === 0 ? null : round4((hits ?? 0) / lookups),
    ops_per_sec: ratePer(d('total_commands_processed'), seconds, 1),
    evicted_keys_per_min: ratePer(d('evicted_keys'), seconds, 60),
    expired_keys_per_min: ratePer(d('expired_keys'), seconds, 60),
    mem_fragmentation_ratio: now('mem_fragmentation_ratio') ?? null,
    connected_clients: now('connected_clients') ?? null,
  }
}
