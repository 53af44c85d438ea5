import type { StreamFootprint } from './backlogTrimTarget.js'
import type { MetricColumn } from './createIngestBatch.js'

/** One entry of the ingest stream: its id and its fields. */
export interface StreamEntry {
  id: string
  /** Null for an entry delivered before but trimmed from the stream since (MAXLEN). */
  fields: Record<string, string> | null
}

/** What the ingest loop needs from the stream; the Redis adapter implements it with a consumer group. */
export interface IngestStream {
  /** False while the connection is down: the loop then waits instead of failing a round trip. */
  isReady(): boolean
  /** Creates the consumer group (and the stream) unless they exist. */
  ensureGroup(): Promise<void>
  /**
   * `pending`: entries delivered to this consumer before but never acknowledged (after a crash); otherwise new
   * entries, blocking up to the configured time. Empty when there is nothing.
   */
  read(kind: 'pending' | 'new'): Promise<StreamEntry[]>
  /**
   * Acknowledges the entries, trims every entry older than the newest of them from the stream (they are
   * all acknowledged by then: one consumer reads in order, pending entries first) and appends `lists` (points
   * by metric, maybe none) to the per-metric lists, in one round trip.
   */
  acknowledge(ids: readonly string[], lists: readonly MetricColumn[]): Promise<void>
  /** Appends points to the per-metric lists, in one round trip. */
  writeLists(lists: readonly MetricColumn[]): Promise<void>
  /** The stream's memory and length. */
  footprint(): Promise<StreamFootprint>
  /** Trims the oldest entries down to about `maxEntries`; resolves to the number removed. */
  trimToLength(maxEntries: number): Promise<number>
  /** Entries in the stream not yet delivered to the group, when Redis can tell. */
  lag(): Promise<number | undefined>
  /** Ends a blocked read at once. */
  close(): Promise<void>
}

/** Counters of the ingest loop since start. */
export interface IngestStats {
  entries: number
  points: number
  /** Points that failed validation (bad JSON, bad fields). */
  rejectedPoints: number
  errors: number
  lastError: string | undefined
  /** ms since epoch of the last entry ingested. */
  lastIngestAt: number | undefined
  /** Entries waiting in the stream at the last check. */
  backlog: number | undefined
  /** Memory of the stream at the last check (`MEMORY USAGE`). */
  streamBytes: number | undefined
  /** Entries in the stream at the last check. */
  streamEntries: number | undefined
  /** Unconsumed entries trimmed because the stream went over INGEST_BACKLOG_MAX_MB. */
  droppedEntries: number
}
