import { type Clock, MetricValidationError } from '@squeezeflow/core'
import { MetricRegistry } from './MetricRegistry.js'
import { type OperationState, OperationStats } from './OperationStats.js'
import { PointBuffer } from './PointBuffer.js'
import { Rejection } from './Rejection.js'
import type { InvalidInputPolicy, RecordedError } from './types.js'

export interface MetricRecorderOptions {
  readonly service: string
  readonly clock: Clock
  readonly bufferCapacity: number
  readonly maxMetrics: number
  readonly maxTagSetsPerMetric: number
  readonly errorRateHoldMs: number
  readonly onInvalid: InvalidInputPolicy
}

const MAX_UNIT_LENGTH = 32
const MAX_ERROR_MESSAGE_LENGTH = 1000
const RECENT_ERRORS = 100

/**
 * The SDK's pure core: validates input, bounds cardinality, counts operations and errors, and appends points
 * to the bounded buffer. No I/O and no timers; time comes from the injected clock.
 */
export class MetricRecorder {
  readonly buffer: PointBuffer
  readonly #clock: Clock
  readonly #onInvalid: InvalidInputPolicy
  readonly #registry: MetricRegistry
  readonly #operations: OperationStats
  readonly #recentErrors: RecordedError[] = []
  #rejected = 0
  #lastRejection: string | undefined

  constructor(options: MetricRecorderOptions) {
    this.#clock = options.clock
    this.#onInvalid = options.onInvalid
    this.buffer = new PointBuffer(options.bufferCapacity, options.service)
    this.#registry = new MetricRegistry(options)
    this.#operations = new OperationStats({
      maxOperations: options.maxMetrics,
      holdMs: options.errorRateHoldMs,
    })
  }

  /** Points refused (invalid, or beyond a limit) since creation. */
  get rejected(): number {
    return this.#rejected
  }

  get lastRejection(): string | undefined {
    return this.#lastRejection
  }

  /** Appends one point; false (or a MetricValidationError under the 'throw' policy) if refused. */
  record(name: string, value: number, unit: string, tags: Record<string, string> | undefined): boolean {
    const entry = this.#registry.metric(name)
    if (entry instanceof Rejection) return this.#reject(entry)
    if (typeof value !== 'number' || value - value !== 0) {
      return this.#reject(
        new Rejection(`metric ${name}: value must be a finite number, got ${String(value)}`),
      )
    }
    if (typeof unit !== 'string' || unit.length > MAX_UNIT_LENGTH) {
      return this.#reject(
        new Rejection(`metric ${name}: unit must be a string of at most ${MAX_UNIT_LENGTH} characters`),
      )
    }
    const shared = this.#registry.tags(entry, tags)
    if (shared instanceof Rejection) return this.#reject(shared)
    this.buffer.push(entry.name, value, unit, shared, this.#clock())
    return true
  }

  /** The operation's counters, or undefined if its name is refused (which may throw under 'throw'). */
  operation(name: string): OperationState | undefined {
    const state = this.#operations.operation(name)
    if (state instanceof Rejection) {
      this.#reject(state)
      return undefined
    }
    return state
  }

  /** One finished run of an operation: its `<operation>_time_ms` point, its count, and its error if it failed. */
  recordTiming(
    state: OperationState,
    elapsedMs: number,
    tags: Record<string, string> | undefined,
    error?: unknown,
  ) {
    this.#operations.countOperation(state)
    if (error !== undefined) this.recordError(state, error)
    this.record(state.timeMetric, elapsedMs, 'ms', tags)
  }

  recordError(state: OperationState, error: unknown): void {
    const now = this.#clock()
    this.#operations.countError(state, now)
    const message = error instanceof Error ? error.message : String(error)
    this.#recentErrors.push({
      operationName: state.name,
      errorMessage: message.slice(0, MAX_ERROR_MESSAGE_LENGTH),
      timestamp: now,
    })
    if (this.#recentErrors.length > RECENT_ERRORS) this.#recentErrors.shift()
  }

  /** Closes the error-rate interval: appends `<operation>_error_rate_percent` (and `_error_count`) points. */
  collectRates(): void {
    const now = this.#clock()
    for (const { operation, errorRatePercent, intervalErrors } of this.#operations.collect(now)) {
      this.#push(`${operation.name}_error_rate_percent`, errorRatePercent, 'percent', now)
      if (intervalErrors > 0) this.#push(`${operation.name}_error_count`, intervalErrors, 'count', now)
    }
  }

  /** The last 100 errors, oldest first. */
  recentErrors(): RecordedError[] {
    return [...this.#recentErrors]
  }

  operations() {
    return this.#operations.snapshot()
  }

  #push(name: string, value: number, unit: string, timestamp: number): void {
    this.buffer.push(name, value, unit, {}, timestamp)
  }

  /** Counts a refusal (and throws it under the 'throw' policy unless it is a limit). */
  refuse(rejection: Rejection): false {
    return this.#reject(rejection)
  }

  #reject(rejection: Rejection): false {
    this.#rejected++
    this.#lastRejection = rejection.reason
    if (this.#onInvalid === 'throw' && !rejection.isLimit) throw new MetricValidationError(rejection.reason)
    return false
  }
}
