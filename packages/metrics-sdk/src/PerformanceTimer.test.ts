import { describe, expect, it } from 'vitest'
import { PerformanceTimer } from './PerformanceTimer.js'

function setup() {
  let now = 1000
  const stops: Array<{ elapsedMs: number; error: unknown }> = []
  const timer = new PerformanceTimer(
    'redis_publish',
    () => now,
    (elapsedMs, error) => stops.push({ elapsedMs, error }),
  )
  return { timer, stops, advance: (ms: number) => (now += ms) }
}

describe('PerformanceTimer', () => {
  it('measures with the injected monotonic clock and records once', () => {
    const { timer, stops, advance } = setup()
    advance(12.5)
    expect(timer.elapsedMs).toBe(12.5)
    expect(timer.stopped).toBe(false)
    expect(timer.stop()).toBe(12.5)
    advance(100)
    expect(timer.stop()).toBe(12.5)
    expect(timer.fail(new Error('late'))).toBe(12.5)
    expect(stops).toEqual([{ elapsedMs: 12.5, error: undefined }])
  })

  it('fail() records the duration with the error', () => {
    const { timer, stops, advance } = setup()
    advance(3)
    const error = new Error('timeout')
    timer.fail(error)
    expect(stops).toEqual([{ elapsedMs: 3, error }])
  })

  it('stops at the end of a `using` block', () => {
    const { timer, stops, advance } = setup()
    {
      using running = timer
      advance(7)
      expect(running.stopped).toBe(false)
    }
    expect(stops).toEqual([{ elapsedMs: 7, error: undefined }])
  })
})
