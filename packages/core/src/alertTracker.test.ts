import { describe, expect, it } from 'vitest'
import { type AlertObservation, AlertTracker } from './alertTracker.js'
import { createManualClock } from './clock.js'

const cpuHigh = (active: boolean, value = 93): AlertObservation => ({
  source: 'performance-monitor',
  rule: 'cpu_percent_gt',
  service: 'system',
  active,
  severity: 'warning',
  message: `CPU ${value}% above 80%`,
  value,
  threshold: 80,
  durationSeconds: 120,
})

function setup(repeatIntervalSeconds = 600) {
  const time = createManualClock()
  const tracker = new AlertTracker({ clock: time.clock, repeatIntervalSeconds })
  return { time, tracker }
}

describe('AlertTracker', () => {
  it('stays pending until the condition has held for its duration, then fires once', () => {
    const { time, tracker } = setup()
    expect(tracker.observe(cpuHigh(true))).toBeUndefined()
    expect(tracker.active()[0]?.state).toBe('pending')
    time.advance(119_000)
    expect(tracker.observe(cpuHigh(true))).toBeUndefined()
    time.advance(1_000)
    const fired = tracker.observe(cpuHigh(true))
    expect(fired).toMatchObject({
      state: 'firing',
      repeat: false,
      severity: 'warning',
      value: 93,
      threshold: 80,
    })
    expect(fired?.fingerprint).toBe('performance-monitor/cpu_percent_gt/system')
    time.advance(30_000)
    expect(tracker.observe(cpuHigh(true))).toBeUndefined()
  })

  it('forgets a condition that clears while pending, without announcing anything', () => {
    const { time, tracker } = setup()
    tracker.observe(cpuHigh(true))
    time.advance(60_000)
    expect(tracker.observe(cpuHigh(false))).toBeUndefined()
    expect(tracker.active()).toEqual([])
    time.advance(60_000)
    expect(tracker.observe(cpuHigh(true))).toBeUndefined()
  })

  it('resolves a firing alert once when the condition clears', () => {
    const { time, tracker } = setup()
    tracker.observe(cpuHigh(true))
    time.advance(120_000)
    tracker.observe(cpuHigh(true))
    time.advance(5_000)
    const resolved = tracker.observe(cpuHigh(false, 40))
    expect(resolved).toMatchObject({ state: 'resolved', value: 40 })
    expect(resolved?.resolved_at).toBe(new Date(time.clock()).toISOString())
    expect(tracker.observe(cpuHigh(false, 40))).toBeUndefined()
  })

  it('re-announces a firing alert at most once per repeat interval', () => {
    const { time, tracker } = setup(600)
    tracker.observe({ ...cpuHigh(true), durationSeconds: 0 })
    const announcements = []
    for (let second = 0; second < 1_300; second += 30) {
      time.advance(30_000)
      const alert = tracker.observe({ ...cpuHigh(true), durationSeconds: 0 })
      if (alert) announcements.push(alert)
    }
    expect(announcements).toHaveLength(2)
    expect(announcements.every((a) => a.repeat)).toBe(true)
  })

  it('fires at once without a duration and reports how long the condition has held', () => {
    const { time, tracker } = setup()
    expect(tracker.observe({ ...cpuHigh(true), durationSeconds: 0 })?.state).toBe('firing')
    time.advance(42_000)
    expect(tracker.active()[0]?.active_for_seconds).toBe(42)
  })

  it('rejects a non-positive repeat interval', () => {
    expect(() => new AlertTracker({ clock: () => 0, repeatIntervalSeconds: 0 })).toThrow(
      /repeatIntervalSeconds/,
    )
  })
})
