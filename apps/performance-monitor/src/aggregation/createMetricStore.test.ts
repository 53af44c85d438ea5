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
    const store = createMetricStore({ maxPoints: 100, maxSeries: 10, clock })
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
    const store = createMetricStore({ maxPoints: 100, maxSeries: 1, clock })
    expect(store.record(point('a', 1, clock()))).toBe(true)
    expect(store.record(point('b', 1, clock()))).toBe(false)
    expect(store.record(point('a', 2, clock()))).toBe(true)
    expect(store.names()).toEqual(['a'])
  })

  it('takes a batch by column as it takes the same points one by one', () => {
    const { clock } = createManualClock()
    const one = createMetricStore({ maxPoints: 100, maxSeries: 1, clock })
    const batch = createMetricStore({ maxPoints: 100, maxSeries: 1, clock })
    const values = Array.from({ length: 150 }, (_, i) => (i * 7) % 31)
    const timestamps = values.map((_, i) => clock() - 150 + i)
    for (const [i, v] of values.entries()) one.record(point('a', v, timestamps[i] as number))
    expect(batch.recordBatch('a', 'ms', 'strategy-runner', timestamps, values, values.length)).toBe(true)
    expect(batch.summary('a')).toEqual(one.summary('a'))
    expect(batch.info('a')).toEqual(one.info('a'))
    expect(batch.recordBatch('b', 'ms', 'strategy-runner', [1], [1], 1)).toBe(false)
  })
})
