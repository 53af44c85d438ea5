import { describe, expect, it } from 'vitest'
import { createSeededRandom, exactQuantile } from '../../test/support/createSeededRandom.js'
import { aggregateValues, selectRank } from './aggregateValues.js'

function exactStats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  const mean = values.reduce((s, v) => s + v, 0) / values.length
  const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length)
  return { sorted, mean, std }
}

describe('aggregateValues', () => {
  const random = createSeededRandom(42)
  const datasets: Record<string, () => number> = {
    'lognormal latencies (ms)': () => random.lognormal(3, 1),
    'uniform 0..1000': () => random.uniform(0, 1000),
    // + 0 turns Math.round's -0 into 0, so exact comparison does not tell them apart.
    'uniform -50..50 (signs, zero, many ties)': () => Math.round(random.uniform(-50, 50)) + 0,
  }

  for (const [name, draw] of Object.entries(datasets)) {
    it(`gives the exact median, p95, p99, extremes and moments: ${name}`, () => {
      const values = Array.from({ length: 20_001 }, draw)
      const stats = aggregateValues(Float64Array.from(values))
      const { sorted, mean, std } = exactStats(values)
      expect(stats).toMatchObject({
        count: values.length,
        min: sorted[0],
        max: sorted.at(-1),
        median: exactQuantile(sorted, 0.5),
        p95: exactQuantile(sorted, 0.95),
        p99: exactQuantile(sorted, 0.99),
        latest: values.at(-1),
      })
      expect(stats.mean).toBeCloseTo(mean, 9)
      expect(stats.std).toBeCloseTo(std, 9)
    })
  }

  it('reads the trend in the given order, before selection reorders the values', () => {
    const rising = Float64Array.from({ length: 1000 }, (_, i) => i)
    expect(aggregateValues(rising)).toMatchObject({ trend: 'increasing', latest: 999, median: 499 })
    expect(aggregateValues(rising.reverse())).toMatchObject({ trend: 'decreasing', latest: 0 })
  })

  it('is empty for no values and exact for one', () => {
    expect(aggregateValues(new Float64Array(0))).toMatchObject({ count: 0, mean: null, p99: null })
    expect(aggregateValues(Float64Array.of(3))).toMatchObject({
      count: 1,
      mean: 3,
      std: 0,
      min: 3,
      max: 3,
      median: 3,
      p99: 3,
      trend: 'stable',
    })
  })
})

describe('selectRank', () => {
  it('finds every rank of sorted, reversed and constant input', () => {
    for (const make of [(i: number) => i, (i: number) => 99 - i, () => 7]) {
      for (let k = 0; k < 100; k++) {
        const a = Float64Array.from({ length: 100 }, (_, i) => make(i))
        const sorted = [...a].sort((x, y) => x - y)
        expect(selectRank(a, k, 0)).toBe(sorted[k])
      }
    }
  })
})
