import { describe, expect, it } from 'vitest'
import { afterSend, initialUrlState, isSendDue, retryDelayMs } from './urlSchedule.js'

const resendMs = 60_000

describe('url schedule', () => {
  it('sends at once, then on a change or once per resend interval', () => {
    const fresh = initialUrlState()
    expect(isSendDue(fresh, 1000, '1', resendMs)).toBe(true)
    const sent = afterSend(fresh, 1000, 1100, '1', resendMs)
    expect(isSendDue(sent, 30_000, '1', resendMs)).toBe(false)
    expect(isSendDue(sent, 30_000, '2', resendMs)).toBe(true)
    expect(isSendDue(sent, 61_000, '1', resendMs)).toBe(true)
  })

  it('never posts twice at once to one URL', () => {
    expect(isSendDue({ ...initialUrlState(), inFlight: true }, 1000, '1', resendMs)).toBe(false)
  })

  it('retries a failure after a backoff that doubles up to the resend interval', () => {
    expect([1, 2, 3, 7, 20].map((n) => retryDelayMs(n, resendMs))).toEqual([1000, 2000, 4000, 60_000, 60_000])
    const failed = afterSend(initialUrlState(), 0, 500, '1', resendMs, 'connect ECONNREFUSED')
    expect(failed).toMatchObject({ failures: 1, retryAtMs: 1500, lastError: 'connect ECONNREFUSED' })
    expect(isSendDue(failed, 1499, '2', resendMs)).toBe(false)
    expect(isSendDue(failed, 1500, '1', resendMs)).toBe(true)
    const twice = afterSend(failed, 1500, 1600, '1', resendMs, 'again')
    expect(twice).toMatchObject({ failures: 2, retryAtMs: 3600 })
    expect(afterSend(twice, 4000, 4100, '1', resendMs)).toMatchObject({ failures: 0, lastSuccessMs: 4100 })
  })
})
