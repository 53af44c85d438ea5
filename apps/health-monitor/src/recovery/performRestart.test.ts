import { createManualClock } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { type VerifyRestartDeps, verifyRestart } from './performRestart.js'

function setup(isRunning: (now: number) => boolean, dataSince?: (now: number) => boolean) {
  const manual = createManualClock()
  const start = manual.clock()
  const calls: number[] = []
  const deps: VerifyRestartDeps = {
    clock: manual.clock,
    // Time passes only through the verifier's own pauses: no real sleeping.
    sleep: async (ms) => manual.advance(ms),
    isRunning: async () => isRunning(manual.clock() - start),
  }
  if (dataSince) {
    deps.dataResumedSince = async (sinceMs) => {
      calls.push(sinceMs)
      return dataSince(manual.clock() - start)
    }
  }
  const options = {
    since: start + 500,
    deadline: start + 10_000,
    pollMs: 1000,
    signal: new AbortController().signal,
  }
  return { deps, options, calls, elapsed: () => manual.clock() - start }
}

describe('verifyRestart', () => {
  it('verifies once the container runs, when data flow does not apply', async () => {
    const { deps, options, elapsed } = setup((t) => t >= 2000)
    expect(await verifyRestart(options, deps)).toEqual({ verified: true, detail: 'container running' })
    expect(elapsed()).toBe(2000)
  })

  it('for aggr_server also waits for data newer than the restart', async () => {
    const { deps, options, calls, elapsed } = setup(
      () => true,
      (t) => t >= 4000,
    )
    expect(await verifyRestart(options, deps)).toEqual({
      verified: true,
      detail: 'container running and data flowing again',
    })
    expect(elapsed()).toBe(4000)
    expect(new Set(calls)).toEqual(new Set([options.since]))
  })

  it('gives up at the deadline, saying what was missing', async () => {
    const noData = setup(
      () => true,
      () => false,
    )
    expect(await verifyRestart(noData.options, noData.deps)).toEqual({
      verified: false,
      detail: 'no new data since the restart, by 2026-01-01T00:00:10.000Z',
    })
    expect(noData.elapsed()).toBe(10_000)
    const stopped = setup(() => false)
    expect((await verifyRestart(stopped.options, stopped.deps)).detail).toMatch(/^container not running by/)
  })

  it('treats a failing probe as "not yet"', async () => {
    const { deps, options } = setup(() => true)
    let failures = 2
    deps.isRunning = async () => {
      if (failures-- > 0) throw new Error('docker hiccup')
      return true
    }
    expect((await verifyRestart(options, deps)).verified).toBe(true)
  })

  it('stops when aborted', async () => {
    const { deps, options } = setup(() => false)
    const controller = new AbortController()
    controller.abort()
    expect(await verifyRestart({ ...options, signal: controller.signal }, deps)).toMatchObject({
      verified: false,
      detail: expect.stringMatching(/abandoned/),
    })
  })
})
