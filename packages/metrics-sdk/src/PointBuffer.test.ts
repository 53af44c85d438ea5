import { describe, expect, it } from 'vitest'
import { PointBuffer } from './PointBuffer.js'

function filled(capacity: number, items: number[]): PointBuffer<number> {
  const buffer = new PointBuffer<number>(capacity)
  for (const item of items) buffer.push(item)
  return buffer
}

describe('PointBuffer', () => {
  it('returns items oldest first', () => {
    const buffer = filled(5, [1, 2, 3])
    expect(buffer.take(2)).toEqual([1, 2])
    expect(buffer.take(10)).toEqual([3])
    expect(buffer.size).toBe(0)
  })

  it('never holds more than its capacity: it drops the oldest and counts them', () => {
    const buffer = filled(3, [1, 2, 3, 4, 5, 6, 7])
    expect(buffer.size).toBe(3)
    expect(buffer.dropped).toBe(4)
    expect(buffer.take(10)).toEqual([5, 6, 7])
  })

  it('keeps order across wrap-around', () => {
    const buffer = filled(4, [1, 2, 3])
    buffer.take(2)
    for (const item of [4, 5, 6]) buffer.push(item)
    expect(buffer.take(10)).toEqual([3, 4, 5, 6])
  })

  it('requeues undelivered items in front, in order', () => {
    const buffer = filled(10, [1, 2, 3, 4])
    const taken = buffer.take(3)
    buffer.push(5)
    buffer.requeue(taken)
    expect(buffer.take(10)).toEqual([1, 2, 3, 4, 5])
    expect(buffer.dropped).toBe(0)
  })

  it('drops the oldest requeued items when they no longer fit', () => {
    const buffer = filled(4, [1, 2, 3])
    const taken = buffer.take(3)
    for (const item of [4, 5]) buffer.push(item)
    buffer.requeue(taken)
    expect(buffer.dropped).toBe(1)
    expect(buffer.take(10)).toEqual([2, 3, 4, 5])
  })

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new PointBuffer(0)).toThrow(RangeError)
    expect(() => new PointBuffer(1.5)).toThrow(RangeError)
  })
})
