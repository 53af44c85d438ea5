import type { Clock } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'
import { createRepeatingTask, type RepeatingTask } from '@squeezeflow/service-kit/scheduling'
import type { IngestBatch } from './createIngestBatch.js'
import { createIngestLoop, type IngestLoop } from './createIngestLoop.js'
import { createIngestStats } from './createIngestStats.js'
import type { IngestStats, IngestStream } from './types.js'

export interface IngestWorkerOptions {
  /** Opens the stream and its connection; called by `start()`, so nothing is connected before. */
  openStream(): IngestStream
  onBatch(batch: IngestBatch): void
  /** How long a read of new entries blocks (INGEST_BLOCK_MS). */
  blockMs: number
  /** Pause after a failed round trip or while Redis is away. */
  retryDelayMs: number
  /** The stream's memory cap (INGEST_BACKLOG_MAX_MB), in bytes. */
  backlogMaxBytes: number
  logger: Logger
  clock: Clock
}

export interface IngestWorker {
  /** Zero until started. */
  readonly stats: Readonly<IngestStats>
  /**
   * The loop's liveness as a repeating task named `ingest`, for `/livez`: each run waits for the loop's next
   * completed round, so it stalls, like any task, when a read has not returned for 3 rounds' worth of time.
   */
  readonly task: RepeatingTask
  start(): void
  stop(): Promise<void>
}

/**
 * The SDK ingest: a blocking XREADGROUP loop rather than a timed task, built with its stream in `start()`, and
 * watched by a repeating task so `/livez` judges it like the other loops.
 */
export function createIngestWorker(options: IngestWorkerOptions): IngestWorker {
  const { blockMs, retryDelayMs, logger, clock } = options
  const idle = createIngestStats()
  let loop: IngestLoop | undefined
  const task = createRepeatingTask({
    name: 'ingest',
    // A round lasts at most a blocked read or a retry pause.
    intervalMs: Math.max(blockMs, retryDelayMs),
    run: () => loop?.nextRound() ?? Promise.resolve(),
    logger,
    clock,
  })
  return {
    get stats() {
      return loop?.stats ?? idle
    },
    task,
    start() {
      loop ??= createIngestLoop({
        stream: options.openStream(),
        onBatch: options.onBatch,
        logger,
        clock,
        retryDelayMs,
        backlogMaxBytes: options.backlogMaxBytes,
      })
      loop.start()
      task.start()
    },
    async stop() {
      // The loop first: stopping it settles the task's wait for its next round.
      await loop?.stop()
      await task.stop()
    },
  }
}
