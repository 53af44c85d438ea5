import { describe, expect, it } from 'vitest'
import type { PointBatch } from './PointBatch.js'
import { PointBuffer } from './PointBuffer.js'

function filled(capacity: number, values: number[]): PointBuffer {
  const buffer = new PointBuffer(capacity, 'svc')
  for (const value of values) buffer.push('m', value, 'ms', {}, 1000 + value)
  return buffer
}

const values = (batch: PointBatch) => Array.from(batch.values)

describe('PointBuffer', () => {
  it('returns whole points, oldest first', () => {
    const buffer = new PointBuffer(5, 'strategy-runner')
    buffer.push('latency_ms', 12.5, 'ms', { symbol: 'BTC' }, 1_767_225_600_000)
    buffer.push('count', 3, 'count', {}, 1_767_225_600_001)
    expect(buffer.take(1).toPoints()).toEqual([
      {
        metric_name: 'latency_ms',
        value: 12.5,
        unit: 'ms',
        service: 'strategy-runner',
        tags: { symbol: 'BTC' },
        timestamp: 1_767_225_600_000,
      },
    ])
    expect(values(buffer.take(10))).toEqual([3])
    expect(buffer.size).toBe(0)
  })

  it('never holds more than its capacity: it drops the oldest and counts them', () => {
    const buffer = filled(3, [1, 2, 3, 4, 5, 6, 7])
    expect(buffer.size).toBe(3)
    expect(buffer.dropped).toBe(4)
    expect(
      buffer
        .take(10)
        .toPoints()
        .map((p) => [p.value, p.timestamp]),
    ).toEqual([
      [5, 1005],
      [6, 1006],
      [7, 1007],
    ])
  })

  it('keeps order across wrap-around', () => {
    const buffer = filled(4, [1, 2, 3])
    buffer.take(2)
    for (const value of [4, 5, 6]) buffer.push('m', value, 'ms', {}, 0)
    expect(values(buffer.take(10))).toEqual([3, 4, 5, 6])
  })

  it('requeues undelivered points in front, in order', () => {
    const buffer = filled(10, [1, 2, 3, 4])
    const taken = buffer.take(3)
    buffer.push('m', 5, 'ms', {}, 0)
    buffer.requeue(taken)
    const all = buffer.take(10)
    expect(values(all)).toEqual([1, 2, 3, 4, 5])
    expect(all.toPoints()[0]).toEqual(taken.toPoints()[0])
    expect(buffer.dropped).toBe(0)
  })

  it('drops the oldest requeued points when they no longer fit', () => {
    const buffer = filled(4, [1, 2, 3])
    const taken = buffer.take(3)
    for (const value of [4, 5]) buffer.push('m', value, 'ms', {}, 0)
    buffer.requeue(taken)
    expect(buffer.dropped).toBe(1)
    expect(values(buffer.take(10))).toEqual([2, 3, 4, 5])
  })

  it('drains in place, in at most two runs across the wrap, without copying', () => {
    const buffer = filled(4, [1, 2, 3])
    buffer.take(2)
    for (const value of [4, 5, 6]) buffer.push('m', value, 'ms', {}, 0)
    const runs: Array<[number, number, number[]]> = []
    const drained = buffer.drain(10, (columns, start, end) => {
      runs.push([
        start,
        end,
        Array.from({ length: end - start }, (_, k) => columns.values[start + k] as number),
      ])
    })
    expect(drained).toBe(4)
    expect(runs).toEqual([
      [2, 4, [3, 4]],
      [0, 2, [5, 6]],
    ])
    expect(buffer.size).toBe(0)
  })

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new PointBuffer(0, 'svc')).toThrow(RangeError)
    expect(() => new PointBuffer(1.5, 'svc')).toThrow(RangeError)
  })
})
