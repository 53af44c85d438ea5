import { createManualClock } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { createMetricStore } from './createMetricStore.js'

const point = (metric_name: string, value: number, timestamp: number, service = 'strategy-runner') => ({
  metric_name,
  value,
  unit: 'ms',
  service,
  timestamp,
})

describe('createMetricStore', () => {
  it('keeps one series per metric name, with its latest unit and service', () => {
    const { clock } = createManualClock()
    const store = createMetricStore({ maxPoints: 100, windowsSeconds: [60], maxSeries: 10, clock })
    store.record(point('b_time_ms', 5, clock()))
    store.record(point('a_time_ms', 1, clock()))
    store.record(point('a_time_ms', 3, clock(), 'other'))
    expect(store.names()).toEqual(['a_time_ms', 'b_time_ms'])
    expect(store.summary('a_time_ms', 60)).toMatchObject({
      count: 2,
      mean: 2,
      service: 'other',
      unit: 'ms',
      window_seconds: 60,
    })
    expect(store.info('a_time_ms')).toMatchObject({ totalCount: 2, latest: { value: 3 } })
    expect(Object.keys(store.summaries())).toEqual(['a_time_ms', 'b_time_ms'])
    expect(store.summary('missing')).toBeUndefined()
  })

  it('refuses new names beyond maxSeries but keeps feeding known ones', () => {
    const { clock } = createManualClock()
    const store = createMetricStore({ maxPoints: 100, windowsSeconds: [], maxSeries: 1, clock })
    expect(store.record(point('a', 1, clock()))).toBe(true)
    expect(store.record(point('b', 1, clock()))).toBe(false)
    expect(store.record(point('a', 2, clock()))).toBe(true)
    expect(store.names()).toEqual(['a'])
  })
})
