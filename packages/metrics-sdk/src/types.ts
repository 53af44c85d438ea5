import type { Clock } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'

/** What to do with invalid input (bad metric or operation name, tag, value or unit). */
export type InvalidInputPolicy = 'throw' | 'drop'

/**
 * The part of a node-redis (v5) client the SDK uses; any `createClient()` result fits. The caller keeps
 * ownership: `close()` does not close it.
 */
export interface IngestClient {
  readonly isReady: boolean
  sendCommand(args: ReadonlyArray<string>): Promise<unknown>
  multi(): { addCommand(args: Array<string>): unknown; exec(): Promise<unknown> }
}

export interface RedisAddress {
  readonly host: string
  readonly port: number
  /** Default 0. */
  readonly db?: number
  /** AUTH password, when Redis requires one. */
  readonly password?: string
}

/** Constructor options. Only `service` and `redis` are required; defaults are given per field. */
export interface PerformanceMonitorOptions {
  /** Stamped on every point, e.g. `strategy-runner`. Letters, digits, `_ . : -`, at most 64. */
  readonly service: string
  /** Where to connect (the SDK owns and closes that connection), or an existing client (you own it). */
  readonly redis: RedisAddress | IngestClient
  /** Redis key prefix. Default `squeezeflow`; points go to `<prefix>:ingest:metrics`. */
  readonly prefix?: string
  /** Invalid input: `drop` (default: counted in `rejected`, never thrown) or `throw` a MetricValidationError. */
  readonly onInvalid?: InvalidInputPolicy
  /** Flush (and close the error-rate interval) this often, in ms. Default 1000; 0 = only on demand. */
  readonly flushIntervalMs?: number
  /** A flush starts as soon as this many points are buffered. Default 1000. */
  readonly batchSize?: number
  /** Points kept while Redis is away; beyond it the oldest are dropped. Default 100 000. */
  readonly bufferCapacity?: number
  /** Points per stream entry. Default 1000. */
  readonly maxPointsPerEntry?: number
  /** Points per round trip (entries of one MULTI). Default 20 000. */
  readonly maxPointsPerFlush?: number
  /** Upper bound of `XADD … MAXLEN ~` of the ingest stream, in entries. Default 10 000. */
  readonly streamMaxLen?: number
  /**
   * The ingest stream's memory budget in bytes, the SDK's side of INGEST_BACKLOG_MAX_MB: `MAXLEN ~` keeps about
   * this many bytes of entries the size this service writes. Default 64 MiB.
   */
  readonly backlogMaxBytes?: number
  /** Distinct tag sets per metric; beyond it points are rejected. Default 100. */
  readonly maxTagSetsPerMetric?: number
  /** Distinct metric names (and, separately, operations). Default 1000. */
  readonly maxMetrics?: number
  /** How long after its last error an operation keeps emitting its error rate, in ms. Default 300 000. */
  readonly errorRateHoldMs?: number
  /** A round trip that takes longer fails (its points are kept and retried). Default 5000 ms. */
  readonly shipTimeoutMs?: number
  /** Wall clock for point timestamps. Default `Date.now`. */
  readonly clock?: Clock
  /** Monotonic ms for durations. Default `performance.now`. */
  readonly monotonicNow?: () => number
  /** For the SDK-owned connection's messages. Default: a logger at WARNING for `service`. */
  readonly logger?: Logger
}

export interface RecordMetricInput {
  /** Matches `^[a-zA-Z_][a-zA-Z0-9_.]{0,127}$`; use base units and `_total` for counters. */
  readonly metricName: string
  /** A finite number. */
  readonly value: number
  /** e.g. `ms`, `percent`, `bytes`, `count`; at most 32 characters. */
  readonly unit: string
  /** At most 8; keys match `^[a-zA-Z_][a-zA-Z0-9_]{0,63}$`, values are strings of at most 128 characters. */
  readonly tags?: Record<string, string>
}

export interface RecordErrorInput {
  readonly operationName: string
  readonly errorMessage: string
}

export interface RecordedError {
  readonly operationName: string
  /** Truncated to 1000 characters. */
  readonly errorMessage: string
  readonly timestamp: number
}

export interface SdkStats {
  /** Points waiting to be shipped. */
  readonly buffered: number
  /** Points written to the ingest stream. */
  readonly shipped: number
  /** Accepted points lost: buffer overflow while Redis was away, or recorded after `close()`. */
  readonly dropped: number
  /** Points refused: invalid input, or a cardinality / metric-count limit reached. */
  readonly rejected: number
  /** Flush cycles run (interval, batch size, reconnect, `flush()`). */
  readonly flushes: number
  /** Round trips to Redis (one XADD or one MULTI/EXEC each), failed ones included. */
  readonly roundTrips: number
  /** Why the latest flush could not ship (or found Redis away); undefined once a flush finds Redis working. */
  readonly lastError: string | undefined
  /** The reason of the latest refused point. */
  readonly lastRejection: string | undefined
}

export interface FlushResult {
  /** Points shipped while the call ran (by it or by a flush it waited for). */
  readonly shipped: number
  /** Points still buffered afterwards. */
  readonly remaining: number
  /** Set when shipping failed or Redis was not ready; the points stay buffered. */
  readonly error: string | undefined
}
