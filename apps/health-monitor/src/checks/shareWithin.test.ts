import { createManualClock } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { shareWithin } from './shareWithin.js'

function setup(answers: Array<number | Error>) {
  const { clock, advance } = createManualClock()
  let reads = 0
  const read = async () => {
    const next = answers[Math.min(reads, answers.length - 1)]
    reads++
    if (next instanceof Error) throw next
    return next as number
  }
  return { shared: shareWithin(read, 500, clock), advance, reads: () => reads }
}

describe('shareWithin', () => {
  it('joins a read in flight and hands out the result until it is older than the window', async () => {
    const { shared, advance, reads } = setup([1, 2])
    expect(await Promise.all([shared(), shared(), shared()])).toEqual([1, 1, 1])
    advance(499)
    expect(await shared()).toBe(1)
    expect(reads()).toBe(1)
    advance(1)
    expect(await shared()).toBe(2)
    expect(reads()).toBe(2)
  })

  it('shares a failure only with the callers that joined it', async () => {
    const { shared, reads } = setup([new Error('redis away'), 7])
    const joined = await Promise.allSettled([shared(), shared()])
    expect(joined.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect(await shared()).toBe(7)
    expect(reads()).toBe(2)
  })

  it('turns a read that throws at once into a rejection', async () => {
    const { clock } = createManualClock()
    const shared = shareWithin<number>(
      () => {
        throw new Error('not connected')
      },
      500,
      clock,
    )
    await expect(shared()).rejects.toThrow('not connected')
  })
})
