import { createManualClock } from '@squeezeflow/core'
import { expect, it } from 'vitest'
import { createProgressWatch } from './createProgressWatch.js'

it('is stalled only while running with no completed round for longer than stallMs', () => {
  const { clock, advance } = createManualClock()
  const watch = createProgressWatch({ name: 'ingest', stallMs: 6000, clock })
  advance(60_000)
  expect(watch.progress()).toMatchObject({ name: 'ingest', last_completed_at: null, stalled: false })

  watch.started()
  advance(6000)
  expect(watch.progress().stalled).toBe(false)
  advance(1)
  expect(watch.progress()).toMatchObject({ seconds_since_progress: 6, stalled: true })

  watch.completed()
  expect(watch.progress()).toMatchObject({
    last_completed_at: new Date(clock()).toISOString(),
    seconds_since_progress: 0,
    stalled: false,
  })
  advance(10_000)
  expect(watch.progress().stalled).toBe(true)
  expect(watch.progress(clock() - 5000).stalled).toBe(false)

  watch.stopped()
  expect(watch.progress().stalled).toBe(false)
})
