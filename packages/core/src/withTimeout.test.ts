import { afterEach, describe, expect, it, vi } from 'vitest'
import { TimeoutError, withTimeout } from './withTimeout.js'

describe('withTimeout', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('settles with the promise when it is first', async () => {
    await expect(withTimeout(Promise.resolve(42), 1000, 'answer')).resolves.toBe(42)
    await expect(withTimeout(Promise.reject(new Error('boom')), 1000, 'answer')).rejects.toThrow('boom')
  })

  it('rejects with a TimeoutError naming the operation when the deadline passes', async () => {
    vi.useFakeTimers()
    const never = new Promise<never>(() => undefined)
    const result = withTimeout(never, 250, 'docker ping')
    vi.advanceTimersByTime(250)
    await expect(result).rejects.toBeInstanceOf(TimeoutError)
    await expect(result).rejects.toMatchObject({
      code: 'ETIMEDOUT',
      message: 'docker ping timed out after 250 ms',
    })
  })
})
