import { describe, expect, it } from 'vitest'
import { HarnessTimeoutError } from './errors.js'
import { waitFor } from './waitFor.js'
import { withTimeout } from './withTimeout.js'

describe('waitFor', () => {
  it('resolves with the first truthy value', async () => {
    let calls = 0
    const value = await waitFor(() => (++calls >= 3 ? `after ${calls}` : undefined), { intervalMs: 1 })
    expect(value).toBe('after 3')
  })

  it('times out naming the condition and the last error', async () => {
    const promise = waitFor(
      () => {
        throw new Error('still down')
      },
      { timeoutMs: 30, intervalMs: 5, description: 'redis up' },
    )
    await expect(promise).rejects.toThrow(HarnessTimeoutError)
    await expect(promise).rejects.toThrow(/redis up not met within 30 ms: still down/)
  })
})

describe('withTimeout', () => {
  it('passes through a value that arrives in time', async () => {
    await expect(withTimeout(Promise.resolve(7), 100)).resolves.toBe(7)
  })

  it('rejects with the label once the time is up', async () => {
    await expect(withTimeout(new Promise(() => {}), 10, 'import')).rejects.toThrow(
      /import timed out after 10 ms/,
    )
  })
})
