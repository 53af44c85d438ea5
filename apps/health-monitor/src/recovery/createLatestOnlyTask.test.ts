import { createManualClock } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { silentLogger } from '../../test/fixtures/silentLogger.js'
import { createLatestOnlyTask } from './createLatestOnlyTask.js'

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
    // Let the task's run take the next value.
    await new Promise((resolve) => setImmediate(resolve))
  }
  return { started, job, finishNext }
}

function latestOnly(job: (n: number) => Promise<void>, onError: (e: unknown) => void = () => undefined) {
  const { clock } = createManualClock()
  return createLatestOnlyTask({
    name: 'recovery',
    intervalMs: 1000,
    graceMs: 0,
    job,
    onError,
    logger: silentLogger,
    clock,
  })
}

describe('createLatestOnlyTask', () => {
  it('runs one job at a time and, of those submitted meanwhile, only the latest', async () => {
    const { started, job, finishNext } = deferredJobs()
    const latest = latestOnly(job)
    latest.submit(1)
    latest.submit(2)
    latest.submit(3)
    expect(started).toEqual([1])
    await finishNext()
    expect(started).toEqual([1, 3])
    await finishNext()
    expect(latest.waiting()).toBe(false)
    await latest.task.runNow()
    expect(started).toEqual([1, 3])
  })

  it('reports a failing job and goes on', async () => {
    const errors: unknown[] = []
    const latest = latestOnly(
      async (n) => {
        if (n === 1) throw new Error('boom')
      },
      (e) => errors.push(e),
    )
    latest.submit(1)
    await latest.task.runNow()
    latest.submit(2)
    await latest.task.runNow()
    expect(errors).toHaveLength(1)
  })

  it('accepts nothing after close, but lets the running job finish', async () => {
    const { started, job, finishNext } = deferredJobs()
    const latest = latestOnly(job)
    latest.submit(1)
    latest.submit(2)
    latest.close()
    latest.submit(3)
    const stopped = latest.task.stop()
    await finishNext()
    await stopped
    expect(started).toEqual([1])
  })
})
