import { describe, expect, it } from 'vitest'
import { createIngestBatch } from './createIngestBatch.js'
import { createRecentPoints } from './createRecentPoints.js'

const series = (metric_name: string) => ({ metric_name, unit: 'ms', service: 'svc', tags: {} })

describe('createRecentPoints', () => {
  it('keeps the newest points of each metric across batches, at most perMetric, until taken', () => {
    const recent = createRecentPoints(3)
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
})
