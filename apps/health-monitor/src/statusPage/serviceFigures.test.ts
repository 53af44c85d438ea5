import type { HealthCheck } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { containerFigures, serviceFigures, signalsPerMinute } from './serviceFigures.js'

const T = Date.parse('2026-03-01T12:00:00Z')
const reading = (secondsAgo: number, signals: number | null): HealthCheck => ({
  name: 'strategy_runner',
  status: 'healthy',
  message: '',
  response_time_ms: 1,
  details: { signals_published: signals, seconds_since_advance: 20 },
  timestamp: new Date(T - secondsAgo * 1000).toISOString(),
})

describe('serviceFigures', () => {
  it('derives signals per minute from the counter over the last ten minutes', () => {
    // Newest first, as the loop's history is; the reading 20 min ago is outside the window.
    const history = [reading(0, 130), reading(60, 120), reading(300, 100), reading(1200, 0)]
    expect(signalsPerMinute(history)).toBe(6)
    expect(serviceFigures(history[0] as HealthCheck, history)).toEqual([
      { label: 'Signals', value: '6 /min' },
      { label: 'Last signal', value: '20 s ago' },
      { label: 'Check took', value: '1 ms' },
    ])
  })

  it('gives no rate from one reading, across a counter reset, or without a counter', () => {
    expect(signalsPerMinute([reading(0, 5)])).toBeUndefined()
    expect(signalsPerMinute([reading(0, 5), reading(60, 900)])).toBeUndefined()
    expect(signalsPerMinute([reading(0, null), reading(60, null)])).toBeUndefined()
  })

  it('reads the container state and restarts when the Docker seam knows the container', () => {
    const withContainer = {
      ...reading(0, 1),
      details: { container: { status: 'running', health: 'healthy', restart_count: 1 } },
    }
    expect(containerFigures(withContainer)).toEqual({ state: 'running (healthy)', restarts: 1 })
    expect(containerFigures(reading(0, 1))).toBeUndefined()
  })
})
