import { describe, expect, it } from 'vitest'
import { addCounterSample, type CounterSample, signalsPerMinute } from './signalsPerMinute.js'

const T0 = Date.parse('2026-11-30T07:00:00Z')
const at = (seconds: number, value: number): CounterSample => ({ atMs: T0 + seconds * 1000, value })

function feed(samples: CounterSample[], windowMs?: number): CounterSample[] {
  return samples.reduce<CounterSample[]>((ring, s) => addCounterSample(ring, s, windowMs), [])
}

describe('addCounterSample', () => {
  it('keeps the window plus one sample before it as the left edge', () => {
    const ring = feed([at(0, 0), at(100, 10), at(200, 20), at(300, 30), at(400, 40)])
    expect(ring).toEqual([at(100, 10), at(200, 20), at(300, 30), at(400, 40)])
    expect(feed([at(0, 0), at(30, 3)], 60_000)).toEqual([at(0, 0), at(30, 3)])
  })

  it('starts over when the counter is absent, and ignores a sample out of order', () => {
    expect(addCounterSample([at(0, 1)], null)).toEqual([])
    expect(addCounterSample([at(0, 1), at(30, 2)], at(10, 5))).toEqual([at(0, 1), at(30, 2)])
  })
})

describe('signalsPerMinute', () => {
  it('is the increase over the time the ring spans', () => {
    expect(signalsPerMinute(feed([at(0, 100), at(30, 130), at(60, 160), at(120, 220)]))).toBe(60)
  })

  it('counts a reset as a restart from 0, never as a negative rate', () => {
    // 100 → 130 (+30), reset to 0 and 30 published since (+30), 30 → 60 (+30): 90 in 90 s
    expect(signalsPerMinute([at(0, 100), at(30, 130), at(60, 30), at(90, 60)])).toBe(60)
  })

  it('is null until two samples span some time', () => {
    expect(signalsPerMinute([])).toBeNull()
    expect(signalsPerMinute([at(0, 5)])).toBeNull()
  })
})
