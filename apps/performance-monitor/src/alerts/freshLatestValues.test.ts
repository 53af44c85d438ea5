import { createManualClock } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { createMetricStore } from '../aggregation/createMetricStore.js'
import { freshLatestValues } from './freshLatestValues.js'

describe('freshLatestValues', () => {
  it('leaves out metrics whose latest point is older than the staleness limit', () => {
    const time = createManualClock()
    const store = createMetricStore({
      maxPoints: 100,
      maxSeries: 10,
      clock: time.clock,
    })
    const point = (metric_name: string, value: number) => ({
      metric_name,
      value,
      unit: 'ms',
      service: 'strategy-runner',
      timestamp: time.clock(),
    })
    store.record(point('signal_processing_time_ms', 1500))
    time.advance(200_000)
    store.record(point('redis_publish_time_ms', 12))

    expect(
      freshLatestValues(store, time.clock(), 300_000)
        .map((m) => m.name)
        .sort(),
    ).toEqual(['redis_publish_time_ms', 'signal_processing_time_ms'])
    time.advance(150_000)
    expect(freshLatestValues(store, time.clock(), 300_000)).toEqual([
      { name: 'redis_publish_time_ms', service: 'strategy-runner', value: 12 },
    ])
  })
})
