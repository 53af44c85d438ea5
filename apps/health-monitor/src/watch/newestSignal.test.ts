import { describe, expect, it } from 'vitest'
import { newestSignal, signalKeyTime, stampToMs } from './newestSignal.js'

const NOW = Date.parse('2026-11-30T07:00:00Z')

describe('stampToMs', () => {
  it.each([
    [1_796_022_000, 1_796_022_000_000],
    ['1796022000.5', 1_796_022_000_500],
    [1_796_022_000_123, 1_796_022_000_123],
    ['1796022000123456', 1_796_022_000_123],
    ['1796022000123456789', 1_796_022_000_123],
    ['1796022000123-4', 1_796_022_000_123],
    ['2026-11-30T06:59:00Z', NOW - 60_000],
  ])('reads %s', (stamp, ms) => {
    expect(stampToMs(stamp)).toBe(ms)
  })

  it('refuses what is not a time', () => {
    expect(stampToMs('BUY')).toBeNull()
    expect(stampToMs('12 apples')).toBeNull()
  })
})

describe('signalKeyTime', () => {
  it('prefers the key’s own stamp and falls back to OBJECT IDLETIME', () => {
    expect(signalKeyTime({ key: 'k', stamp: NOW - 5000, idleSeconds: 1 }, NOW)).toEqual({
      ms: NOW - 5000,
      source: 'timestamp',
    })
    expect(signalKeyTime({ key: 'k', stamp: 'BUY', idleSeconds: 12 }, NOW)).toEqual({
      ms: NOW - 12_000,
      source: 'idle_time',
    })
    expect(signalKeyTime({ key: 'k', stamp: null, idleSeconds: null }, NOW)).toBeNull()
  })
})

describe('newestSignal', () => {
  it('names the newest key and its age', () => {
    const readings = [
      { key: 'squeezeflow:signal:btc', stamp: NOW - 90_000, idleSeconds: 2 },
      { key: 'squeezeflow:signal:eth', stamp: null, idleSeconds: 30 },
      { key: 'squeezeflow:signal:sol', stamp: null, idleSeconds: null },
    ]
    expect(newestSignal(readings, { examined: 100, complete: true }, NOW)).toEqual({
      newest_key: 'squeezeflow:signal:eth',
      newest_age_seconds: 30,
      time_source: 'idle_time',
      keys_found: 3,
      keys_examined: 100,
      scan_complete: true,
    })
  })

  it('has no age without keys', () => {
    expect(newestSignal([], { examined: 1000, complete: false }, NOW)).toMatchObject({
      newest_key: null,
      newest_age_seconds: null,
      scan_complete: false,
    })
  })
})
