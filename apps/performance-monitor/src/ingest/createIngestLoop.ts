import type { MetricPoint } from '@squeezeflow/core'
import { decodeBatch, INGEST_FIELD } from '@squeezeflow/metrics-sdk'
import type { Logger } from '@squeezeflow/service-kit/logger'
import { compareStreamIds } from './compareStreamIds.js'
import { createIngestStats } from './createIngestStats.js'
import type { IngestStats, IngestStream, StreamEntry } from './types.js'

export interface IngestLoopOptions {
  stream: IngestStream
  /** Called for every valid point, in stream order. */
  onPoints(points: readonly MetricPoint[]): void
  logger: Logger
  clock: () => number
  /** Pause after a failed round trip before trying again, in ms. Default 1000. */
  retryDelayMs?: number
}

export interface IngestLoop {
  readonly stats: Readonly<IngestStats>
  start(): void
  stop(): Promise<void>
  /**
   * Resolves when the loop next completes a round: a read (one that returns empty after its block time counts),
   * a failed round trip or a wait for Redis; at once when the loop is not running. A loop stuck on a read never
   * resolves it, which is how `/livez` tells a stall from a quiet stream.
   */
  nextRound(): Promise<void>
}

const NOGROUP = /NOGROUP/

/**
 * Reads the SDK's batches through a consumer group: first what this consumer was given but never acknowledged
 * (a crash between read and ack), then new entries. An entry is acknowledged only after its points are recorded,
 * so points written while the service was down are ingested when it starts, up to the stream's MAXLEN.
 */
export function createIngestLoop({
  stream,
  onPoints,
  logger,
  clock,
  retryDelayMs = 1000,
}: IngestLoopOptions): IngestLoop {
  const log = logger.child({ module: 'ingest' })
  const stats: IngestStats = createIngestStats()
  let running = false
  let done: Promise<void> = Promise.resolve()
  let groupReady = false
  let readPending = true
  /** The newest entry recorded; a redelivery of it (ack lost with the connection) must not count twice. */
  let lastRecordedId: string | undefined
  let wake: (() => void) | undefined
  const roundWaiters: Array<() => void> = []
  const roundDone = () => {
    for (const resolve of roundWaiters.splice(0)) resolve()
  }

  const decode = (entries: StreamEntry[]): MetricPoint[] => {
    const points: MetricPoint[] = []
    for (const entry of entries) {
      if (lastRecordedId !== undefined && compareStreamIds(entry.id, lastRecordedId) <= 0) continue
      if (entry.fields === null) continue
      const text = entry.fields[INGEST_FIELD]
      if (text === undefined) {
        stats.rejectedPoints += 1
        continue
      }
      points.push(...decodeBatch(text, () => (stats.rejectedPoints += 1)))
    }
    return points
  }

  const cycle = async () => {
    if (!groupReady) {
      await stream.ensureGroup()
      groupReady = true
      readPending = true
      stats.backlog = await stream.lag()
    }
    const entries = await stream.read(readPending ? 'pending' : 'new')
    if (entries.length === 0) {
      if (readPending) readPending = false
      else stats.backlog = await stream.lag()
      return
    }
    const points = decode(entries)
    if (points.length > 0) onPoints(points)
    const newest = entries.reduce(
      (a, e) => (compareStreamIds(e.id, a) > 0 ? e.id : a),
      entries[0]?.id as string,
    )
    if (lastRecordedId === undefined || compareStreamIds(newest, lastRecordedId) > 0) lastRecordedId = newest
    stats.entries += entries.length
    stats.points += points.length
    stats.lastIngestAt = clock()
    await stream.acknowledge(
      entries.map((e) => e.id),
      points,
    )
  }

  const pause = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, retryDelayMs)
      wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })

  const run = async () => {
    while (running) {
      if (!stream.isReady()) {
        // Redis is down (health says so); the next group check covers a server that restarted empty.
        groupReady = false
        await pause()
        roundDone()
        continue
      }
      try {
        await cycle()
        if (stats.lastError !== undefined) log.info('ingest recovered')
        stats.lastError = undefined
      } catch (err) {
        if (!running) break
        const message = err instanceof Error ? err.message : String(err)
        if (NOGROUP.test(message)) groupReady = false
        if (stats.lastError !== message) log.warn('ingest round trip failed', { err })
        stats.errors += 1
        stats.lastError = message
        await pause()
      }
      roundDone()
    }
  }

  return {
    stats,
    start() {
      if (running) return
      running = true
      done = run()
    },
    async stop() {
      running = false
      wake?.()
      await stream.close()
      await done
      roundDone()
    },
    nextRound: () =>
      running ? new Promise<void>((resolve) => roundWaiters.push(resolve)) : Promise.resolve(),
  }
}
