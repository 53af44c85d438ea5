import { describe, expect, it } from 'vitest'
import { parseRedisInfo } from '../adapters/parseRedisInfo.js'
import { deriveRedisFigures } from './deriveRedisFigures.js'

const T0 = Date.parse('2026-11-30T07:00:00Z')

function info(fields: Record<string, number>): Map<string, string> {
  const lines = Object.entries(fields).map(([k, v]) => `${k}:${v}`)
  return parseRedisInfo(`# Stats\r\n${lines.join('\r\n')}\r\n`)
}

const before = {
  keyspace_hits: 100,
  keyspace_misses: 50,
  total_commands_processed: 1000,
  evicted_keys: 0,
  expired_keys: 10,
  connected_clients: 3,
  mem_fragmentation_ratio: 1.2,
}

describe('deriveRedisFigures', () => {
  it('gives the hit ratio of the last cycle, rates, and the newer gauges', () => {
    const after = {
      ...before,
      keyspace_hits: 190,
      keyspace_misses: 60,
      total_commands_processed: 4000,
      evicted_keys: 5,
      expired_keys: 70,
      connected_clients: 7,
      mem_fragmentation_ratio: 1.53,
    }
    expect(
      deriveRedisFigures({ atMs: T0, info: info(before) }, { atMs: T0 + 30_000, info: info(after) }),
    ).toEqual({
      interval_seconds: 30,
      counters_reset: false,
      cache_hit_ratio: 0.9,
      ops_per_sec: 100,
      evicted_keys_per_min: 10,
      expired_keys_per_min: 120,
      mem_fragmentation_ratio: 1.53,
      connected_clients: 7,
    })
  })

  it('has no hit ratio when no key was looked up', () => {
    const figures = deriveRedisFigures(
      { atMs: T0, info: info(before) },
      { atMs: T0 + 1000, info: info(before) },
    )
    expect(figures.cache_hit_ratio).toBeNull()
    expect(figures.ops_per_sec).toBe(0)
  })

  it('gives no rate after a restart, never a negative one', () => {
    const restarted = { ...before, keyspace_hits: 3, total_commands_processed: 20 }
    const figures = deriveRedisFigures(
      { atMs: T0, info: info(before) },
      { atMs: T0 + 30_000, info: info(restarted) },
    )
    expect(figures).toMatchObject({
      counters_reset: true,
      cache_hit_ratio: null,
      ops_per_sec: null,
      expired_keys_per_min: null,
    })
    expect(figures.connected_clients).toBe(3)
  })

  it('leaves out what INFO does not report', () => {
    const figures = deriveRedisFigures({ atMs: T0, info: info({}) }, { atMs: T0 + 1000, info: info({}) })
    expect(figures).toMatchObject({
      counters_reset: false,
      ops_per_sec: null,
      mem_fragmentation_ratio: null,
      connected_clients: null,
    })
  })
})
