import { PassThrough } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createLogger } from '../logger/createLogger.js'
import { createRepeatingTask } from './createRepeatingTask.js'
import { livenessOf } from './liveness.js'

const logger = createLogger({ service: 'test', level: 'ERROR', stream: new PassThrough() })

describe('createRepeatingTask', () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z') }))
  afterEach(() => vi.useRealTimers())

  it('runs at once, then once per interval, never overlapping', async () => {
    let runs = 0
    const task = createRepeatingTask({
      name: 'collect',
      intervalMs: 1000,
      logger,
      run: async () => void runs++,
    })
    task.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(runs).toBe(1)
    await vi.advanceTimersByTimeAsync(2500)
    expect(runs).toBe(3)
    await task.stop()
    await vi.advanceTimersByTimeAsync(5000)
    expect(runs).toBe(3)
  })

  it('keeps its schedule after a failing run', async () => {
    let runs = 0
    const run = async () => {
      runs += 1
      if (runs === 1) throw new Error('redis away')
    }
    const task = createRepeatingTask({ name: 'write', intervalMs: 1000, logger, run })
    task.start()
    await vi.advanceTimersByTimeAsync(1000)
    expect(runs).toBe(2)
    expect(task.progress().stalled).toBe(false)
    await task.stop()
  })

  it('shares a run in progress with runNow callers', async () => {
    let runs = 0
    let release = () => {}
    const run = () =>
      new Promise<void>((resolve) => {
        runs += 1
        release = resolve
      })
    const task = createRepeatingTask({ name: 'cycle', intervalMs: 1000, logger, run })
    const first = task.runNow()
    const second = task.runNow()
    release()
    await Promise.all([first, second])
    expect(runs).toBe(1)
  })

  it('reports a run that never settles as stalled after three intervals plus the grace', async () => {
    let runs = 0
    const run = () => {
      runs += 1
      return runs === 1 ? Promise.resolve() : new Promise<void>(() => {})
    }
    const task = createRepeatingTask({ name: 'collection', intervalMs: 1000, graceMs: 500, logger, run })
    task.start()
    await vi.advanceTimersByTimeAsync(1000)
    expect(runs).toBe(2)
    await vi.advanceTimersByTimeAsync(2400)
    expect(task.progress().stalled).toBe(false)
    await vi.advanceTimersByTimeAsync(200)
    expect(task.progress()).toMatchObject({ name: 'collection', stalled: true, seconds_since_progress: 4 })
    expect(livenessOf([task])).toMatchObject({ alive: false, stalled: ['collection'] })
  })

  it('is not stalled before it starts or after it stops', async () => {
    const task = createRepeatingTask({ name: 'idle', intervalMs: 10, logger, run: async () => {} })
    await vi.advanceTimersByTimeAsync(1000)
    expect(task.progress().stalled).toBe(false)
    expect(livenessOf([task]).alive).toBe(true)
  })
})
