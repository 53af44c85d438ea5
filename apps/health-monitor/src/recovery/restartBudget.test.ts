import { describe, expect, it } from 'vitest'
import { restartBudget } from './restartBudget.js'
import type { RestartRecord } from './types.js'

const HOUR = 3_600_000
const at = (ms: number, outcome: RestartRecord['outcome'] = 'not_verified'): RestartRecord => ({
  at: ms,
  outcome,
  reason: 'r',
  instance: 'i',
})

describe('restartBudget', () => {
  it('allows restarts while fewer than the budget fall in the window', () => {
    const state = restartBudget({ history: [at(1000), at(2000)], now: 10_000, budget: 3, windowMs: HOUR })
    expect(state.left).toBe(1)
    expect(state.nextAllowedAt).toBeUndefined()
    expect(state.inWindow.map((r) => r.at)).toEqual([1000, 2000])
  })

  it('is exhausted at the budget and frees up when the oldest restart leaves the window', () => {
    const history = [at(3000), at(1000), at(2000)]
    const state = restartBudget({ history, now: 10_000, budget: 3, windowMs: HOUR })
    expect(state.left).toBe(0)
    expect(state.nextAllowedAt).toBe(1000 + HOUR)
    expect(restartBudget({ history, now: 1000 + HOUR, budget: 3, windowMs: HOUR }).left).toBe(1)
  })

  it('counts every outcome, errors and pending ones too', () => {
    const history = [at(1, 'error'), at(2, 'pending'), at(3, 'verified')]
    expect(restartBudget({ history, now: 10, budget: 3, windowMs: HOUR }).left).toBe(0)
  })

  it('with more restarts than the budget (a lowered budget), waits until enough have aged out', () => {
    const history = [at(1000), at(2000), at(3000), at(4000)]
    expect(restartBudget({ history, now: 5000, budget: 2, windowMs: HOUR }).nextAllowedAt).toBe(3000 + HOUR)
  })

  it('ignores restarts older than the window or in the future', () => {
    const state = restartBudget({
      history: [at(0), at(HOUR + 10), at(5 * HOUR)],
      now: HOUR + 100,
      budget: 3,
      windowMs: HOUR,
    })
    expect(state.inWindow.map((r) => r.at)).toEqual([HOUR + 10])
  })
})
