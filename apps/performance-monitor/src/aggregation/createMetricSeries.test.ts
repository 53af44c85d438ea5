import { createManualClock } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { createSeededRandom, exactQuantile } from '../../test/support/createSeededRandom.js'
import { createMetricSeries } from './createMetricSeries.js'

describe('createMetricSeries', () => {
  it('keeps at most maxPoints points, the newest', () => {
    const series = createMetricSeries({ maxPoints: 100 })
    for (let i = 0; i < 1000; i++) series.add(i, i)
    expect(series.size).toBe(100)
    expect(series.totalCount).toBe(1000)
    const all = series.aggregates(undefined, 1000)
    expect(all).toMatchObject({
      count: 100,
      min: 900,
      max: 999,
      latest: 999,
      mean: 949.5,
      trend: 'increasing',
    })
    expect(series.points(undefined, 1000).map((p) => p.value)).toEqual(
      Array.from({ length: 100 }, (_, i) => 900 + i),
    )
  })

  it('lets points leave a time window as the clock moves on', () => {
    const { clock, advance } = createManualClock()
    const series = createMetricSeries({ maxPoints: 10_000 })
    for (let i = 0; i < 600; i++) {
      series.add(i < 300 ? 1000 : 10, clock())
      advance(1000)
    }
    // The clock is 600 s after the first point: the last 60 s hold 60 fast points, the last 300 s the fast half.
    expect(series.aggregates(60, clock())).toMatchObject({ count: 60, max: 10, p99: 10 })
    expect(series.aggregates(300, clock())).toMatchObject({ count: 300, min: 10, max: 10 })
    expect(series.aggregates(undefined, clock())).toMatchObject({
      count: 600,
      min: 10,
      max: 1000,
      trend: 'decreasing',
    })
    advance(3_600_000)
    expect(series.aggregates(60, clock())).toMatchObject({ count: 0, mean: null, p95: null, latest: null })
    expect(series.latest()).toEqual({ timestamp: clock() - 3_601_000, value: 10 })
  })

  it('answers a window nobody configured from the kept points', () => {
    const { clock, advance } = createManualClock()
    const series = createMetricSeries({ maxPoints: 1000 })
    for (let i = 0; i < 100; i++) {
      series.add(i, clock())
      advance(1000)
    }
    // Points at t-100 s … t-1 s; the last 10 s hold values 90..99.
    expect(series.aggregates(10, clock())).toMatchObject({
      count: 10,
      min: 90,
      max: 99,
      mean: 94.5,
      latest: 99,
    })
  })

  it('does not count a late point in a window it is already too old for', () => {
    const { clock } = createManualClock()
    const series = createMetricSeries({ maxPoints: 1000 })
    series.add(5, clock() - 600_000)
    series.add(7, clock())
    expect(series.aggregates(60, clock())).toMatchObject({ count: 1, min: 7, max: 7 })
    expect(series.aggregates(undefined, clock())).toMatchObject({ count: 2, min: 5, max: 7 })
  })

  it('matches exact statistics on a long random run with a count bound and a time window', () => {
    const { clock, advance } = createManualClock()
    const random = createSeededRandom(7)
    const series = createMetricSeries({ maxPoints: 2000 })
    const all: Array<{ t: number; v: number }> = []
    for (let i = 0; i < 30_000; i++) {
      const v = random.lognormal(2, 1.2)
      all.push({ t: clock(), v })
      series.add(v, clock())
      advance(Math.floor(random.uniform(0, 40)))
    }
    const kept = all.slice(-2000)
    const recent = kept.filter((p) => p.t >= clock() - 30_000)
    for (const [windowSeconds, points] of [
      [undefined, kept],
      [30, recent],
    ] as const) {
      const values = points.map((p) => p.v)
      const sorted = [...values].sort((a, b) => a - b)
      const mean = values.reduce((s, v) => s + v, 0) / values.length
      const stats = series.aggregates(windowSeconds, clock())
      expect(stats.count).toBe(values.length)
      expect(stats.min).toBe(sorted[0])
      expect(stats.max).toBe(sorted.at(-1))
      expect(Math.abs((stats.mean as number) - mean) / mean).toBeLessThan(1e-9)
      for (const [q, approx] of [
        [0.95, stats.p95],
        [0.99, stats.p99],
      ] as const) {
        const exact = exactQuantile(sorted, q)
        expect(Math.abs((approx as number) - exact) / exact).toBeLessThanOrEqual(0.01)
      }
    }
  })

  it('refuses a bad configuration', () => {
    expect(() => createMetricSeries({ maxPoints: 0 })).toThrow(/maxPoints/)
    expect(() => createMetricSeries({ maxPoints: 1.5 })).toThrow(/maxPoints/)
  })

  it('returns every timestamp exactly, over months and across growth', () => {
    const { clock, advance } = createManualClock()
    const sparse = createMetricSeries({ maxPoints: 200 })
    const stamped: number[] = []
    // One point every 6 h for 90 days: the kept 200 span 50 days, more than 4-byte offsets reach.
    for (let i = 0; i < 360; i++) {
      stamped.push(clock())
      sparse.add(i, clock())
      advance(6 * 3_600_000)
    }
    expect(sparse.points(undefined, clock()).map((p) => p.timestamp)).toEqual(stamped.slice(-200))
    expect(sparse.aggregates(24 * 3600, clock())).toMatchObject({ count: 4, latest: 359 })

    const fractional = createMetricSeries({ maxPoints: 100 })
    for (let i = 0; i < 150; i++) fractional.add(i, 1_764_460_800_000.25 + i * 0.5)
    expect(fractional.latest()).toEqual({ timestamp: 1_764_460_800_000.25 + 149 * 0.5, value: 149 })
  })

  it('keeps every point as the ring skips to its mapped size and grows on', () => {
    const t0 = Date.parse('2026-12-01T00:00:00Z')
    let series = createMetricSeries({ maxPoints: 10_000 })
    const expectRun = (from: number, to: number) => {
      const kept = series.points(undefined, t0 + to)
      expect(kept).toHaveLength(to - from)
      expect(kept.every((p, k) => p.value === from + k && p.timestamp === t0 + from + k)).toBe(true)
    }
    let added = 0
    const addUpTo = (n: number) => {
      for (; added < n; added++) series.add(added, t0 + added)
    }
    addUpTo(1_500) // past the small sizes, short of full
    expectRun(0, 1_500)
    addUpTo(12_345) // full, then wrapped
    expectRun(2_345, 12_345)
    expect(series.aggregates(undefined, t0 + added)).toMatchObject({ count: 10_000, min: 2_345, max: 12_344 })

    series = createMetricSeries({ maxPoints: 50_000 }) // doubles on past the mapped size
    added = 0
    addUpTo(40_000)
    expectRun(0, 40_000)
  })

  it('finds the window among points stamped out of order', () => {
    const { clock, advance } = createManualClock()
    const series = createMetricSeries({ maxPoints: 1000 })
    advance(100_000)
    // Two producers with skewed clocks: every other point is stamped 50 s late.
    for (let i = 0; i < 100; i++) series.add(i, clock() - (i % 2 === 0 ? 0 : 50_000) - (100 - i) * 100)
    expect(series.aggregates(30, clock())).toMatchObject({ count: 50, min: 0, max: 98, latest: 98 })
    expect(series.points(30, clock()).every((p) => p.value % 2 === 0)).toBe(true)
    expect(series.aggregates(undefined, clock())).toMatchObject({ count: 100, latest: 99 })
  })

  it('recomputes a cached window after an add and as points age out of it', () => {
    const { clock, advance } = createManualClock()
    const series = createMetricSeries({ maxPoints: 1000 })
    series.add(1, clock())
    advance(10_000)
    series.add(3, clock())
    expect(series.aggregates(15, clock())).toMatchObject({ count: 2, mean: 2 })
    expect(series.aggregates(15, clock())).toMatchObject({ count: 2, mean: 2 })
    advance(6000)
    expect(series.aggregates(15, clock())).toMatchObject({ count: 1, mean: 3 })
    series.add(5, clock())
    expect(series.aggregates(15, clock())).toMatchObject({ count: 2, mean: 4, max: 5 })
    expect(series.aggregates(undefined, clock())).toMatchObject({ count: 3, mean: 3, median: 3 })
  })
})
