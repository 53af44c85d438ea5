import { METRIC_NAME_PATTERN } from '@squeezeflow/core'
import { Rejection } from './Rejection.js'

/** Counters of one named operation; `interval*` reset at every rate collection. */
export interface OperationState {
  readonly name: string
  /** `<operation>_time_ms`. */
  readonly timeMetric: string
  operations: number
  errors: number
  intervalOperations: number
  intervalErrors: number
  /** Clock time of the latest error, if any. */
  lastErrorAt: number | undefined
}

/** What `collect` emits per operation. */
export interface OperationRate {
  readonly operation: OperationState
  /** errors / operations × 100 over the interval, clamped to 100; 100 for errors without operations. */
  readonly errorRatePercent: number
  readonly intervalErrors: number
}

const LONGEST_SUFFIX = '_error_rate_percent'

/**
 * Operation and error counts per operation, and the error rate over each interval since the previous
 * collection. An operation that has never failed emits no rate; one that failed keeps emitting (0 once
 * clean) for `holdMs` after its last error, so an alert on the rate sees it fall and resolves.
 */
export class OperationStats {
  readonly #operations = new Map<string, OperationState>()
  readonly #maxOperations: number
  readonly #holdMs: number

  constructor(options: { maxOperations: number; holdMs: number }) {
    this.#maxOperations = options.maxOperations
    this.#holdMs = options.holdMs
  }

  /** The operation's state, or why its name is unacceptable. */
  operation(name: string): OperationState | Rejection {
    const known = this.#operations.get(name)
    if (known !== undefined) return known
    if (typeof name !== 'string' || !METRIC_NAME_PATTERN.test(`${name}${LONGEST_SUFFIX}`)) {
      const derived = JSON.stringify(`${String(name)}${LONGEST_SUFFIX}`)
      return new Rejection(
        `operation name ${JSON.stringify(name)} must make ${derived} match ${METRIC_NAME_PATTERN}`,
      )
    }
    if (this.#operations.size >= this.#maxOperations) {
      return new Rejection(
        `operation ${name}: limit of ${this.#maxOperations} distinct operations reached`,
        true,
      )
    }
    const state: OperationState = {
      name,
      timeMetric: `${name}_time_ms`,
      operations: 0,
      errors: 0,
      intervalOperations: 0,
      intervalErrors: 0,
      lastErrorAt: undefined,
    }
    this.#operations.set(name, state)
    return state
  }

  countOperation(state: OperationState): void {
    state.operations++
    state.intervalOperations++
  }

  countError(state: OperationState, now: number): void {
    state.errors++
    state.intervalErrors++
    state.lastErrorAt = now
  }

  /** Closes the current interval: the rates to emit, then every interval counter back to zero. */
  collect(now: number): OperationRate[] {
    const rates: OperationRate[] = []
    for (const state of this.#operations.values()) {
      if (state.lastErrorAt !== undefined && now - state.lastErrorAt <= this.#holdMs) {
        const { intervalOperations: ops, intervalErrors: errors } = state
        const errorRatePercent = ops > 0 ? Math.min(100, (errors / ops) * 100) : errors > 0 ? 100 : 0
        rates.push({ operation: state, errorRatePercent, intervalErrors: errors })
      }
      state.intervalOperations = 0
      state.intervalErrors = 0
    }
    return rates
  }

  /** Totals per operation, for inspection. */
  snapshot(): Array<{ operation: string; operations: number; errors: number }> {
    return [...this.#operations.values()].map((s) => ({
      operation: s.name,
      operations: s.operations,
      errors: s.errors,
    }))
  }
}
