import { describe, expect, it } from 'vitest'
import { createSeededRandom } from '../../test/support/createSeededRandom.js'
import { computeTrend } from './computeTrend.js'

describe('computeTrend', () => {
  const random = createSeededRandom(3)

  it('sees a rising ramp as increasing and a falling one as decreasing', () => {
    const ramp = Array.from({ length: 100 }, (_, i) => 100 + i)
    expect(computeTrend(ramp)).toBe('increasing')
    expect(computeTrend(ramp.reverse())).toBe('decreasing')
  })

  it('sees noise around a flat level as stable', () => {
    expect(computeTrend(Array.from({ length: 500 }, () => random.uniform(90, 110)))).toBe('stable')
  })

  it('sees a step up halfway as increasing', () => {
    expect(computeTrend(Array.from({ length: 200 }, (_, i) => (i < 100 ? 100 : 130)))).toBe('increasing')
  })

  it('sees a slow drift smaller than the noise as stable', () => {
    const values = Array.from({ length: 300 }, (_, i) => 100 + i * 0.005 + random.uniform(-20, 20))
    expect(computeTrend(values)).toBe('stable')
  })

  it('is stable with too few points or a constant series', () => {
    expect(computeTrend([1, 100])).toBe('stable')
    expect(computeTrend([5, 5, 5, 5])).toBe('stable')
  })
})
