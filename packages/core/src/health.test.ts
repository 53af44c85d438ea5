import { describe, expect, it } from 'vitest'
import { compareStatus, httpStatusFor, isHealthStatus, worstStatus } from './health.js'

describe('health model', () => {
  it('orders statuses from best to worst', () => {
    expect(compareStatus('healthy', 'degraded')).toBeLessThan(0)
    expect(compareStatus('critical', 'unhealthy')).toBeGreaterThan(0)
    expect(compareStatus('degraded', 'degraded')).toBe(0)
  })

  it('takes the worst status as the overall one', () => {
    expect(worstStatus(['healthy', 'degraded', 'healthy'])).toBe('degraded')
    expect(worstStatus(['healthy', 'critical', 'unhealthy'])).toBe('critical')
    expect(worstStatus(['healthy', 'unknown'])).toBe('unknown')
  })

  it('is unknown with nothing to judge', () => {
    expect(worstStatus([])).toBe('unknown')
  })

  it('answers 200 only while traffic can be served', () => {
    expect(httpStatusFor('healthy')).toBe(200)
    expect(httpStatusFor('degraded')).toBe(200)
    expect(httpStatusFor('unknown')).toBe(503)
    expect(httpStatusFor('unhealthy')).toBe(503)
    expect(httpStatusFor('critical')).toBe(503)
  })

  it('recognises status names', () => {
    expect(isHealthStatus('degraded')).toBe(true)
    expect(isHealthStatus('sick')).toBe(false)
  })
})
