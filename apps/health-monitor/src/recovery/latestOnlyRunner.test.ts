import { describe, expect, it } from 'vitest'
import { createLatestOnlyRunner } from './latestOnlyRunner.js'

function deferredJobs() {
  const started: number[] = []
  const finishers: Array<() => void> = []
  const job = (value: number) =>
    new Promise<void>((resolve) => {
      started.push(value)
      finishers.push(resolve)
    })
  const finishNext = async () => {
    finishers.shift()?.()
    // Let the runner's finally() start the queued job.
    await new Promise((resolve) => setImmediate(resolve))
  }
  return { started, job, finishNext }
}

describe('createLatestOnlyRunner', () => {
  it('runs one job at a time and, of those submitted meanwhile, only the latest', async () => {
    const { started, job, finishNext } = deferredJobs()
    const runner = createLatestOnlyRunner(job, () => undefined)
    runner.submit(1)
    runner.submit(2)
    runner.submit(3)
    expect(started).toEqual([1])
    await finishNext()
    expect(started).toEqual([1, 3])
    await finishNext()
    expect(runner.current()).toBeUndefined()
  })

  it('reports a failing job and goes on', async () => {
    const errors: unknown[] = []
    const runner = createLatestOnlyRunner(
      async (n: number) => {
        if (n === 1) throw new Error('boom')
      },
      (e) => errors.push(e),
    )
    runner.submit(1)
    await runner.current()
    runner.submit(2)
    await runner.current()
    expect(errors).toHaveLength(1)
  })

  it('accepts nothing after stop, but lets the running job finish', async () => {
    const { started, job, finishNext } = deferredJobs()
    const runner = createLatestOnlyRunner(job, () => undefined)
    runner.submit(1)
    runner.submit(2)
    runner.stop()
    runner.submit(3)
    await finishNext()
    expect(started).toEqual([1])
  })
})
