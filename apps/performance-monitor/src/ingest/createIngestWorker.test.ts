import { PassThrough } from 'node:stream'
import { createManualClock } from '@squeezeflow/core'
import { createLogger } from '@squeezeflow/service-kit/logger'
import { expect, it } from 'vitest'
import { createIngestWorker } from './createIngestWorker.js'
import type { StreamEntry } from './types.js'

const logger = createLogger({ service: 'test', level: 'ERROR', stream: new PassThrough() })

it('keeps the ingest loop alive on empty reads and reports it stalled while a read hangs', async () => {
  const { clock, advance } = createManualClock()
  let hang = false
  let hanging: ((entries: StreamEntry[]) => void) | undefined
  const worker = createIngestWorker({
    openStream: () => ({
      isReady: () => true,
      ensureGroup: async () => undefined,
      read: () =>
        new Promise((resolve) => {
          if (hang) hanging = resolve
          else setTimeout(() => resolve([]), 5)
        }),
      acknowledge: async () => undefined,
      writeLists: async () => undefined,
      lag: async () => 0,
      footprint: async () => ({ bytes: 0, entries: 0 }),
      trimToLength: async () => 0,
      // Like the Redis adapter's, closing ends a blocked read.
      close: async () => hanging?.([]),
    }),
    onBatch: () => undefined,
    blockMs: 100,
    retryDelayMs: 50,
    backlogMaxBytes: 64 * 1024 * 1024,
    logger,
    clock,
  })
  worker.start()
  advance(1000)
  // Rounds report themselves: the first completed one after the clock moved counts as progress.
  await expect.poll(() => worker.watch.progress().seconds_since_progress).toBe(0)
  expect(worker.watch.progress()).toMatchObject({ name: 'ingest', stalled: false })

  hang = true
  await expect.poll(() => hanging).toBeDefined()
  advance(301)
  expect(worker.watch.progress()).toMatchObject({ name: 'ingest', stalled: true })
  await worker.stop()
  expect(worker.watch.progress().stalled).toBe(false)
})
