import { describe, expect, it } from 'vitest'
import { createBoundedQueue } from './createBoundedQueue.js'

describe('createBoundedQueue', () => {
  it('keeps order and drops the oldest beyond its limit', () => {
    const queue = createBoundedQueue<number>(2)
    for (const n of [1, 2, 3]) queue.push(n)
    expect(queue.dropped).toBe(1)
    expect(queue.size).toBe(2)
    expect([queue.shift(), queue.shift(), queue.shift()]).toEqual([2, 3, undefined])
  })

  it('refuses a limit below 1', () => {
    expect(() => createBoundedQueue(0)).toThrow(RangeError)
  })
})
