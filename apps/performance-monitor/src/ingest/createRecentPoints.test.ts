import { describe, expect, it } from 'vitest'
import { createIngestBatch } from './createIngestBatch.js'
import { createRecentPoints } from './createRecentPoints.js'

const series = (metric_name: string) => ({ metric_name, unit: 'ms', service: 'svc', tags: {} })

describe('createRecentPoints', () => {
  it('keeps the newest points of each metric across batches, at most perMetric, until taken', () => {
    const recent = createRecentPoints(3, 250)
    for (const values of [
      [1, 2],
      [3, 4, 5, 6, 7],
      [8, 9],
    ]) {
      const batch = createIngestBatch()
      for (const v of values) batch.add(series('a'), v, v * 10)
      batch.add(series('b'), -(values[0] as number), 0)
      recent.add(batch.metrics)
    }
    expect(recent.size).toBe(2)
    const taken = recent.take()
    expect(taken.map((c) => [c.name, c.values, c.timestamps])).toEqual([
      ['a', [7, 8, 9], [70, 80, 90]],
      ['b', [-1, -3, -8], [0, 0, 0]],
    ])
    expect(recent.size).toBe(0)
    expect(recent.take()).toEqual([])
  })

  it('is due once points wait and the interval has passed since it last gave some', () => {
    const recent = createRecentPoints(10, 250)
    const batch = createIngestBatch()
    batch.add(series('a'), 1, 0)
    expect(recent.due(0)).toEqual([])
    recent.add(batch.metrics)
    expect(recent.due(0).map((c) => c.values)).toEqual([[1]])
    recent.add(batch.metrics)
    expect(recent.due(249)).toEqual([])
    expect(recent.due(250).map((c) => c.values)).toEqual([[1]])
  })
})
