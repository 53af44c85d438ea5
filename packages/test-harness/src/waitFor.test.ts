import { describe, expect, it } from 'vitest'
import { HarnessTimeoutError } from './errors.js'
import { waitFor } from './waitFor.js'

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
