import { decodeIngestEntry, errorMessage } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'
import { backlogTrimTarget } from './backlogTrimTarget.js'
import { compareStreamIds } from './compareStreamIds.js'
import { createIngestBatch, type IngestBatch } from './createIngestBatch.js'
import { createIngestStats } from './createIngestStats.js'
import { createRecentPoints } from './createRecentPoints.js'
import type { IngestStats, IngestStream, StreamEntry } from './types.js'

export interface IngestLoopOptions {
  stream: IngestStream
  /** Called once per read with its valid points, grouped by metric, each metric's in stream order. */
  onBatch(batch: IngestBatch): void
  logger: Logger
  clock: () => number
  /** Pause after a failed round trip before trying again, in ms. Default 1000. */
  retryDelayMs?: number
  /** The stream's memory cap (INGEST_BACKLOG_MAX_MB); beyond it the oldest entries are dropped and counted. */
  backlogMaxBytes: number
  /**
   * How often the stream's memory is checked against the cap and the backlog measured, in ms, while entries
   * arrive. Default 5000. A busy loop never reads empty, so this is what keeps the backlog figure current under
   * load.
   */
  backlogCheckMs?: number
  /**
   * How often it is checked while nothing arrives, in ms. Default 60000. Producers only add to the stream, and
   * whatever they add is read here, so a quiet stream cannot grow: this only catches one that shrank or vanished
   * (a flush, a restart of Redis).
   */
  quietCheckMs?: number
  /** How often the metric lists are written, in ms. Default LIST_WRITE_INTERVAL_MS. */
  listIntervalMs?: number
}

/**
 * The metric lists are for people looking at recent raw values, so they get the newest LIST_POINTS_PER_WRITE
 * points of each metric at most every LIST_WRITE_INTERVAL_MS (README, "Redis keys"): under heavy ingest they
 * sample rather than cost Redis commands and a JSON text per point.
 */
export const LIST_POINTS_PER_WRITE = 100
export const LIST_WRITE_INTERVAL_MS = 250

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
  onBatch,
  logger,
  clock,
  retryDelayMs = 1000,
  backlogMaxBytes,
  backlogCheckMs = 5000,
  quietCheckMs = 60_000,
  listIntervalMs = LIST_WRITE_INTERVAL_MS,
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
  let backlogCheckedAt = Number.NEGATIVE_INFINITY
  /** Whether entries were read since the last check: only then can the stream have grown. */
  let readSinceCheck = false
  /** What the metric lists get next; between writes the newest points wait there. */
  const recent = createRecentPoints(LIST_POINTS_PER_WRITE, listIntervalMs)

  /** Bounds the stream's memory in the trading stack's Redis, whatever producers write while this lags. */
  const boundBacklog = async () => {
    backlogCheckedAt = clock()
    readSinceCheck = false
    const footprint = await stream.footprint()
    const target = backlogTrimTarget(footprint, backlogMaxBytes)
    let entries = footprint.entries
    if (target !== undefined) {
      const dropped = await stream.trimToLength(target)
      stats.droppedEntries += dropped
      entries -= dropped
      log.warn('ingest backlog over its cap, oldest entries dropped', {
        dropped_entries: dropped,
        stream_bytes: footprint.bytes,
        cap_bytes: backlogMaxBytes,
      })
    }
    stats.streamBytes =
      target === undefined ? footprint.bytes : (footprint.bytes * entries) / footprint.entries
    stats.streamEntries = entries
    stats.backlog = await stream.lag()
  }

  const roundWaiters: Array<() => void> = []
  const roundDone = () => {
    for (const resolve of roundWaiters.splice(0)) resolve()
  }

  /** v2 (field c) and v1 (field p) entries alike, into columns: no object per point. */
  const decode = (entries: StreamEntry[]): IngestBatch => {
    const batch = createIngestBatch()
    for (const entry of entries) {
      if (lastRecordedId !== undefined && compareStreamIds(entry.id, lastRecordedId) <= 0) continue
      if (entry.fields === null) continue
      const { rejected } = decodeIngestEntry(entry.fields, batch.add, () => (stats.rejectedPoints += 1))
      if (rejected !== undefined) {
        stats.rejectedPoints += 1
        log.debug('ingest entry rejected', { id: entry.id, code: rejected.code, reason: rejected.message })
      }
    }
    return batch
  }

  const cycle = async () => {
    if (!groupReady) {
      await stream.ensureGroup()
      groupReady = true
      readPending = true
      stats.backlog = await stream.lag()
    }
    const sinceCheck = clock() - backlogCheckedAt
    if (sinceCheck >= (readSinceCheck ? backlogCheckMs : quietCheckMs)) await boundBacklog()
    const entries = await stream.read(readPending ? 'pending' : 'new')
    if (entries.length === 0) {
      // Nothing new for the group means nothing left to deliver to it: no XINFO round trip needed.
      if (readPending) readPending = false
      else stats.backlog = 0
      // A quiet stream still gets the last points of a burst into the lists.
      const lists = recent.due(clock())
      if (lists.length > 0) await stream.writeLists(lists)
      return
    }
    readSinceCheck = true
    const batch = decode(entries)
    if (batch.size > 0) onBatch(batch)
    recent.add(batch.metrics)
    const newest = entries.reduce(
      (a, e) => (compareStreamIds(e.id, a) > 0 ? e.id : a),
      entries[0]?.id as string,
    )
    if (lastRecordedId === undefined || compareStreamIds(newest, lastRecordedId) > 0) lastRecordedId = newest
    stats.entries += entries.length
    stats.points += batch.size
    stats.lastIngestAt = clock()
    await stream.acknowledge(
      entries.map((e) => e.id),
      recent.due(clock()),
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
        const message = errorMessage(err)
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
