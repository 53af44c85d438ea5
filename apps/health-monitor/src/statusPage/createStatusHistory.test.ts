import { createManualClock, type HealthStatus } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { createStatusHistory } from './createStatusHistory.js'
import { TIERS } from './statusBuckets.js'

const T0 = Date.parse('2026-01-01T00:00:00Z')
const SECOND = 1000
const MINUTE = 60 * SECOND
const INTERVAL = 30 * SECOND

/** Runs the history through one observation per interval, applying each cycle's writes to a plain hash. */
function script(statuses: HealthStatus[], startAt = T0 + INTERVAL) {
  const manual = createManualClock(startAt)
  const history = createStatusHistory({ clock: manual.clock, intervalMs: INTERVAL })
  const hash: Record<string, string> = {}
  statuses.forEach((status, i) => {
    manual.set(startAt + i * INTERVAL)
    for (const w of history.record([{ name: 'redis', status }], manual.clock()).get('redis') ?? []) {
      hash[w.field] = w.value
    }
  })
  return { manual, history, hash }
}

const hour: HealthStatus[] = [
  ...Array<HealthStatus>(60).fill('healthy'),
  ...Array<HealthStatus>(20).fill('unhealthy'),
  ...Array<HealthStatus>(20).fill('degraded'),
  ...Array<HealthStatus>(20).fill('unknown'),
]

describe('createStatusHistory', () => {
  it('counts healthy and degraded time as up, unhealthy as down and unknown as neither', () => {
    const { history } = script(hour)
    // Last observation at T0 + 60 min: 50 min up, 10 min down, 10 min unknown result.
    expect(history.uptime('redis', '24h')).toEqual({
      service: 'redis',
      window: '24h',
      ratio: 0.8,
      checked_seconds: 3000,
      // This minute and the 1439 before it, less the checked time.
      unknown_seconds: 1439 * 60 - 3000,
    })
    expect(history.uptime('redis', '7d')).toMatchObject({ ratio: 0.8, unknown_seconds: 167 * 3600 - 3000 })
    expect(history.uptime('redis', '30d')).toMatchObject({ ratio: 0.8, unknown_seconds: 719 * 3600 - 3000 })
    expect(history.uptime('redis', '90d')).toMatchObject({
      ratio: 0.8,
      unknown_seconds: 89 * 86400 + 3600 - 3000,
    })
  })

  it('never counts a gap between observations as up', () => {
    const manual = createManualClock(T0 + INTERVAL)
    const history = createStatusHistory({ clock: manual.clock, intervalMs: INTERVAL })
    history.record([{ name: 'redis', status: 'healthy' }], T0 + INTERVAL)
    manual.set(T0 + 30 * MINUTE)
    history.record([{ name: 'redis', status: 'healthy' }], T0 + 30 * MINUTE)
    const figures = history.uptime('redis', '24h')
    expect(figures.checked_seconds).toBe(60)
    expect(figures.unknown_seconds).toBe(1439 * 60 - 60)
  })

  it('splits a check that straddles a bucket boundary between both buckets', () => {
    const manual = createManualClock(T0 + 45 * SECOND)
    const history = createStatusHistory({ clock: manual.clock, intervalMs: INTERVAL })
    history.record([{ name: 'redis', status: 'healthy' }], T0 + 15 * SECOND)
    const writes = history.record([{ name: 'redis', status: 'unhealthy' }], T0 + 75 * SECOND)
    const minuteWrites = writes.get('redis')?.filter((w) => w.field.startsWith('m:'))
    const slot = (T0 / MINUTE) % TIERS.m.count
    expect(minuteWrites).toEqual([
      { field: `m:${slot}`, value: `${T0 / 1000} 15000 15000` },
      { field: `m:${slot + 1}`, value: `${T0 / 1000 + 60} 0 15000` },
    ])
  })

  it('reuses a ring slot once its bucket has left the retention, so the hash stays the same size', () => {
    const days = 100
    const statuses = Array<HealthStatus>((days * 86_400_000) / (10 * MINUTE)).fill('healthy')
    const manual = createManualClock(T0)
    const history = createStatusHistory({ clock: manual.clock, intervalMs: 10 * MINUTE })
    const hash: Record<string, string> = {}
    statuses.forEach((status, i) => {
      const at = T0 + (i + 1) * 10 * MINUTE
      manual.set(at)
      for (const w of history.record([{ name: 'redis', status }], at).get('redis') ?? [])
        hash[w.field] = w.value
    })
    expect(Object.keys(hash)).toHaveLength(TIERS.m.count + TIERS.h.count + TIERS.d.count + 1)
    expect(history.uptime('redis', '90d')).toMatchObject({ ratio: 1, unknown_seconds: 0 })
    expect(history.daily('redis')).toHaveLength(90)
    // The last check landed on midnight: today has no checked time yet, the 89 days before it are all up.
    const daily = history.daily('redis')
    expect(daily.slice(0, 89).every((d) => d.ratio === 1 && d.checkedMs === 86_400_000)).toBe(true)
    expect(daily[89]).toMatchObject({ ratio: null, checkedMs: 0 })
  })

  it('restores exactly what it wrote, and adds what was recorded before the restore', () => {
    const { hash, manual } = script(hour)
    const restored = createStatusHistory({ clock: manual.clock, intervalMs: INTERVAL })
    restored.restore('redis', { ...hash, 'm:700': 'garbage', 'x:3': '1 2 3' })
    expect(restored.uptime('redis', '24h')).toMatchObject({ ratio: 0.8, checked_seconds: 3000 })
    // The restored `last` keeps a check right after the restart from vouching for time already counted.
    manual.advance(10 * SECOND)
    restored.record([{ name: 'redis', status: 'unhealthy' }], manual.clock())
    expect(restored.uptime('redis', '24h')).toMatchObject({ checked_seconds: 3010 })

    const early = createStatusHistory({ clock: manual.clock, intervalMs: INTERVAL })
    early.record([{ name: 'redis', status: 'healthy' }], manual.clock() + INTERVAL)
    early.restore('redis', hash)
    manual.advance(INTERVAL)
    expect(early.uptime('redis', '24h')).toMatchObject({ checked_seconds: 3030 })
  })

  it('shows a service that was never checked as all unknown, with no ratio', () => {
    const manual = createManualClock(T0)
    const history = createStatusHistory({ clock: manual.clock, intervalMs: INTERVAL })
    expect(history.uptime('influxdb', '24h')).toEqual({
      service: 'influxdb',
      window: '24h',
      ratio: null,
      checked_seconds: 0,
      unknown_seconds: 1439 * 60,
    })
  })
})
