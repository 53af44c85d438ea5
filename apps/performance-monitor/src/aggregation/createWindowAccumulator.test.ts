import { describe, expect, it } from 'vitest'
import { createSeededRandom, exactQuantile } from '../../test/support/createSeededRandom.js'
import { createWindowAccumulator } from './createWindowAccumulator.js'

const relativeError = (approx: number, exact: number) => Math.abs(approx - exact) / Math.abs(exact)

function exactStats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  const mean = values.reduce((s, v) => s + v, 0) / values.length
  const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length)
  return { sorted, mean, std }
}

describe('createWindowAccumulator', () => {
  const random = createSeededRandom(42)
  const datasets: Record<string, () => number> = {
    'lognormal latencies (ms)': () => random.lognormal(3, 1),
    'uniform 0..1000': () => random.uniform(0, 1000),
    'uniform -50..50 (signs and zero)': () => Math.round(random.uniform(-50, 50)),
  }

  for (const [name, draw] of Object.entries(datasets)) {
    it(`keeps median, p95 and p99 within 1 % of the exact values: ${name}`, () => {
      const acc = createWindowAccumulator()
      const values = Array.from({ length: 20_000 }, draw)
      for (const [seq, v] of values.entries()) acc.add(seq, v)
      const stats = acc.stats()
      const { sorted, mean, std } = exactStats(values)
      for (const [q, approx] of [
        [0.95, stats?.p95],
        [0.99, stats?.p99],
      ] as const) {
        expect(relativeError(approx as number, exactQuantile(sorted, q))).toBeLessThanOrEqual(0.01)
      }
      const median = exactQuantile(sorted, 0.5)
      expect(Math.abs((stats?.median as number) - median)).toBeLessThanOrEqual(Math.abs(median) * 0.01)
      expect(stats?.mean).toBeCloseTo(mean, 6)
      expect(stats?.std).toBeCloseTo(std, 6)
      expect(stats?.min).toBe(sorted[0])
      expect(stats?.max).toBe(sorted.at(-1))
    })
  }

  it('stays exact on a sliding window after many removals', () => {
    const acc = createWindowAccumulator()
    const window = 1000
    const values = Array.from({ length: 50_000 }, () => random.lognormal(5, 0.8))
    values.forEach((v, seq) => {
      acc.add(seq, v)
      if (seq >= window) acc.remove(seq - window, values[seq - window] as number)
    })
    const inWindow = values.slice(-window)
    const { sorted, mean, std } = exactStats(inWindow)
    const stats = acc.stats()
    expect(stats?.count).toBe(window)
    expect(relativeError(stats?.p95 as number, exactQuantile(sorted, 0.95))).toBeLessThanOrEqual(0.01)
    expect(relativeError(stats?.p99 as number, exactQuantile(sorted, 0.99))).toBeLessThanOrEqual(0.01)
    expect(relativeError(stats?.mean as number, mean)).toBeLessThan(1e-9)
    expect(relativeError(stats?.std as number, std)).toBeLessThan(1e-6)
    expect(stats?.min).toBe(sorted[0])
    expect(stats?.max).toBe(sorted.at(-1))
  })

  it('is empty again once every value has left', () => {
    const acc = createWindowAccumulator()
    acc.add(0, 5)
    acc.add(1, 7)
    acc.remove(0, 5)
    acc.remove(1, 7)
    expect(acc.stats()).toBeUndefined()
    acc.add(2, 3)
    expect(acc.stats()).toMatchObject({ count: 1, mean: 3, std: 0, min: 3, max: 3, median: 3, p99: 3 })
  })
})
