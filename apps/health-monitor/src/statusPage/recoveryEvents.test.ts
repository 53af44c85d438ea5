import { describe, expect, it } from 'vitest'
import { createRecoveryEventDetector } from './recoveryEvents.js'

const summary = (restarts: Array<{ at: string; outcome: string; reason: string }>, decision: unknown) => ({
  enabled: true,
  services: {
    aggr_server: {
      restarts_in_window: restarts,
      last_decision: decision,
      budget: 3,
      budget_left: 3 - restarts.length,
    },
  },
})

describe('createRecoveryEventDetector', () => {
  it('takes the first summary as the baseline, then reports restarts, verifications and escalations', () => {
    const detect = createRecoveryEventDetector()
    const first = { at: '2026-03-01T10:00:00.000Z', outcome: 'verified', reason: 'data gap' }
    expect(detect(summary([first], { action: 'none' }))).toEqual([])
    expect(detect(summary([first], { action: 'none' }))).toEqual([])

    const second = { at: '2026-03-01T11:00:00.000Z', outcome: 'pending', reason: 'data gap 12 min' }
    expect(detect(summary([first, second], { action: 'restart', reason: 'data gap 12 min' }))).toEqual([
      { service: 'aggr_server', severity: 'warning', text: 'restart pending: data gap 12 min' },
    ])
    expect(
      detect(
        summary([first, { ...second, outcome: 'not_verified' }], {
          action: 'suspend',
          reason: 'budget spent',
        }),
      ),
    ).toEqual([
      { service: 'aggr_server', severity: 'critical', text: 'restart not_verified: data gap 12 min' },
      { service: 'aggr_server', severity: 'critical', text: 'suspend: budget spent' },
    ])
  })

  it('reports nothing without recovery', () => {
    const detect = createRecoveryEventDetector()
    expect(detect(null)).toEqual([])
    expect(detect(null)).toEqual([])
  })
})
