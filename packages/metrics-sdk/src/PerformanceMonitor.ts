import type { StoredAlertRule } from '@squeezeflow/core'
import { errorMessage } from '@squeezeflow/core'
import { connectIngestClient, type IngestConnection } from './connectIngestClient.js'
import {
  type AlertRuleWriter,
  createAlertRuleWriter,
  type PerformanceAlertInput,
} from './createAlertRuleWriter.js'
import { createRedisShipper } from './createRedisShipper.js'
import { createSelfReport } from './createSelfReport.js'
import { Flusher } from './Flusher.js'
import { MetricRecorder } from './MetricRecorder.js'
import { PerformanceTimer, type TimerStopHandler } from './PerformanceTimer.js'
import { Rejection } from './Rejection.js'
import { type ResolvedOptions, resolveOptions } from './resolveOptions.js'
import type {
  FlushResult,
  PerformanceMonitorOptions,
  RecordErrorInput,
  RecordedError,
  RecordMetricInput,
  SdkStats,
} from './types.js'

const IGNORE_STOP: TimerStopHandler = () => undefined

/**
 * Records timings, metrics and errors of one service and ships them to `<prefix>:ingest:metrics`. Recording
 * is synchronous, O(1) and never waits on Redis; invalid input is dropped and counted (or thrown, with
 * `onInvalid: 'throw'`). Points are buffered (bounded, oldest dropped first) and shipped in batches.
 */
export class PerformanceMonitor implements AsyncDisposable {
  readonly service: string
  readonly #options: ResolvedOptions
  readonly #recorder: MetricRecorder
  readonly #connection: IngestConnection
  readonly #flusher: Flusher
  readonly #alertRules: AlertRuleWriter
  readonly #interval: NodeJS.Timeout | undefined
  #chain: Promise<unknown> = Promise.resolve()
  #flushQueued = false
  #closing: Promise<void> | undefined
  #droppedAfterClose = 0

  constructor(options: PerformanceMonitorOptions) {
    const resolved = resolveOptions(options)
    this.service = resolved.service
    this.#options = resolved
    this.#recorder = new MetricRecorder(resolved)
    this.#connection = connectIngestClient(resolved, options.logger)
    const shipper = createRedisShipper(this.#connection.client, {
      streamKey: resolved.streamKey,
      streamMaxLen: resolved.streamMaxLen,
      backlogMaxBytes: resolved.backlogMaxBytes,
      timeoutMs: resolved.shipTimeoutMs,
      notReadyReason: this.#connection.notReadyReason,
    })
    this.#flusher = new Flusher({
      buffer: this.#recorder.buffer,
      shipper,
      maxPointsPerEntry: resolved.maxPointsPerEntry,
      maxPointsPerFlush: resolved.maxPointsPerFlush,
      selfReport: createSelfReport(resolved.service, resolved.clock, () => this.stats()),
    })
    this.#alertRules = createAlertRuleWriter(this.#connection.client, {
      key: resolved.alertRulesKey,
      service: resolved.service,
      clock: resolved.clock,
      timeoutMs: resolved.shipTimeoutMs,
      settled: this.#connection.settled,
    })
    if (resolved.flushIntervalMs > 0) {
      this.#interval = setInterval(() => this.#tick(), resolved.flushIntervalMs).unref()
    }
    // Points buffered during an outage go out as soon as Redis is back, not at the next tick.
    this.#connection.onReady(() => this.#scheduleFlush())
  }

  /** Runs `fn`, records `<operation>_time_ms` and counts the operation; on a throw also counts an error and rethrows. */
  async time<T>(
    operationName: string,
    fn: () => T | PromiseLike<T>,
    tags?: Record<string, string>,
  ): Promise<T> {
    const timer = this.startTimer(operationName, tags)
    try {
      const result = await fn()
      timer.stop()
      return result
    } catch (error) {
      timer.fail(error)
      throw error
    }
  }

  /** A running timer; `stop()`, `fail(error)`, or `using` it records the operation once. */
  startTimer(operationName: string, tags?: Record<string, string>): PerformanceTimer {
    const state = this.#recorder.operation(operationName)
    const onStop: TimerStopHandler =
      state === undefined
        ? IGNORE_STOP
        : (elapsedMs, error) => {
            if (this.#isClosedFor(1)) return
            this.#recorder.recordTiming(state, elapsedMs, tags, error)
            this.#afterRecord()
          }
    return new PerformanceTimer(operationName, this.#options.monotonicNow, onStop)
  }

  /** Buffers one point; false if it was refused or the monitor is closed. Throws only under `onInvalid: 'throw'`. */
  recordMetric(input: RecordMetricInput): boolean {
    if (this.#isClosedFor(1)) return false
    if (typeof input !== 'object' || input === null) {
      return this.#recorder.refuse(new Rejection('recordMetric needs { metricName, value, unit, tags? }'))
    }
    const recorded = this.#recorder.record(input.metricName, input.value, input.unit, input.tags)
    this.#afterRecord()
    return recorded
  }

  /** Counts an error of the operation (for its error rate) and keeps the message in `recentErrors()`. */
  recordError(input: RecordErrorInput): void {
    if (this.#closing !== undefined) return
    const state = this.#recorder.operation(input?.operationName)
    if (state !== undefined) this.#recorder.recordError(state, input.errorMessage)
  }

  /**
   * Adds (or replaces, by name) an alert rule in `<prefix>:alert_rules` for the monitors to evaluate. Validated
   * with core's rules: rejects with an AlertDefinitionError naming the field, or with the Redis error. Returns the
   * rule as stored (defaults filled in, `added_by` this service, `updated_at` now).
   */
  addPerformanceAlert(rule: PerformanceAlertInput): Promise<StoredAlertRule> {
    return this.#alertRules.add(rule)
  }

  /** Removes the rule called `name`; true if it existed. */
  removePerformanceAlert(name: string): Promise<boolean> {
    return this.#alertRules.remove(name)
  }

  /**
   * Closes the error-rate interval and ships what is buffered now (waiting behind a flush already under way).
   * `shipped` counts every point shipped meanwhile. Never rejects: see `error`.
   */
  async flush(): Promise<FlushResult> {
    const shippedBefore = this.#flusher.shipped
    this.#recorder.collectRates()
    await this.#connection.settled(this.#options.shipTimeoutMs)
    const result = await this.#enqueue()
    return { ...result, shipped: this.#flusher.shipped - shippedBefore }
  }

  /** Stops the timer, makes a last flush, and closes the connection if the SDK opened it. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown()
    return this.#closing
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close()
  }

  stats(): SdkStats {
    const recorder = this.#recorder
    return {
      buffered: recorder.buffer.size,
      shipped: this.#flusher.shipped,
      dropped: recorder.buffer.dropped + this.#droppedAfterClose,
      rejected: recorder.rejected,
      flushes: this.#flusher.flushes,
      roundTrips: this.#flusher.roundTrips,
      lastError: this.#flusher.lastError,
      lastRejection: recorder.lastRejection,
    }
  }

  /** The last 100 errors recorded, oldest first. */
  recentErrors(): RecordedError[] {
    return this.#recorder.recentErrors()
  }

  /** Operation and error totals per operation since creation. */
  operations(): Array<{ operation: string; operations: number; errors: number }> {
    return this.#recorder.operations()
  }

  async #shutdown(): Promise<void> {
    clearInterval(this.#interval)
    await this.flush()
    await this.#connection.close().catch(() => undefined)
  }

  #tick(): void {
    this.#recorder.collectRates()
    this.#scheduleFlush()
  }

  #afterRecord(): void {
    if (this.#recorder.buffer.size >= this.#options.batchSize) this.#scheduleFlush()
  }

  /** At most one background flush waits in the queue; it runs after the caller's synchronous code. */
  #scheduleFlush(): void {
    if (this.#flushQueued || this.#closing !== undefined) return
    this.#flushQueued = true
    void this.#enqueue(() => {
      this.#flushQueued = false
    })
  }

  #enqueue(before?: () => void): Promise<FlushResult> {
    const run = async (): Promise<FlushResult> => {
      before?.()
      try {
        return await this.#flusher.flush()
      } catch (error) {
        const message = errorMessage(error)
        return { shipped: 0, remaining: this.#recorder.buffer.size, error: message }
      }
    }
    const next = this.#chain.then(run)
    this.#chain = next
    return next
  }

  #isClosedFor(points: number): boolean {
    if (this.#closing === undefined) return false
    this.#droppedAfterClose += points
    return true
  }
}
