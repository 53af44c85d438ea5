import { describe, expect, it } from 'vitest'
import { downsampleMinMax } from './downsampleMinMax.js'

const points = (values: number[]) => values.map((value, i) => ({ timestamp: i, value }))

describe('downsampleMinMax', () => {
  it('returns short series unchanged', () => {
    expect(downsampleMinMax(points([1, 2, 3]), 10)).toEqual(points([1, 2, 3]))
  })

  it('keeps each bucket’s extremes in time order, so a single spike survives', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i === 537 ? 999 : 1 + (i % 3)))
    const result = downsampleMinMax(points(values), 100)
    expect(result.length).toBeLessThanOrEqual(100)
    expect(Math.max(...result.map((p) => p.value))).toBe(999)
    const times = result.map((p) => p.timestamp)
    expect(times).toEqual([...times].sort((a, b) => a - b))
  })
})
