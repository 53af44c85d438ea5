import type { Clock } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'
import { createProgressWatch, type Watched } from '@squeezeflow/service-kit/scheduling'
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
   * The loop's liveness for `/livez`, named `ingest`: it stalls, like a repeating task, when no round has
   * completed for 3 rounds' worth of time (a read hangs).
   */
  readonly watch: Watched
  start(): void
  stop(): Promise<void>
}

/**
 * The SDK ingest: a blocking XREADGROUP loop rather than a timed task, built with its stream in `start()`. Each
 * completed round is reported to a progress watch, so `/livez` judges it like the other loops without a timer of
 * its own waking the process between rounds.
 */
export function createIngestWorker(options: IngestWorkerOptions): IngestWorker {
  const { blockMs, retryDelayMs, logger, clock } = options
  const idle = createIngestStats()
  let loop: IngestLoop | undefined
  let running = false
  // A round lasts at most a blocked read or a retry pause; 3 of them without one completing is a stall.
  const watch = createProgressWatch({ name: 'ingest', stallMs: 3 * Math.max(blockMs, retryDelayMs), clock })
  const reportRounds = (current: IngestLoop) => {
    void current.nextRound().then(() => {
      if (!running) return
      watch.completed()
      reportRounds(current)
    })
  }
  return {
    get stats() {
      return loop?.stats ?? idle
    },
    watch,
    start() {
      if (running) return
      running = true
      loop ??= createIngestLoop({
        stream: options.openStream(),
        onBatch: options.onBatch,
        logger,
        clock,
        retryDelayMs,
        backlogMaxBytes: options.backlogMaxBytes,
      })
      loop.start()
      watch.started()
      reportRounds(loop)
    },
    async stop() {
      running = false
      watch.stopped()
      await loop?.stop()
    },
  }
}
