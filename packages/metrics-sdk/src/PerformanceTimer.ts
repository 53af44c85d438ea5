/** Called once when a timer stops: the elapsed ms, and the error if the operation failed. */
export type TimerStopHandler = (elapsedMs: number, error: unknown) => void

/**
 * Measures one run of an operation with a monotonic clock. `stop()` or `fail(error)` records it once; later
 * calls only return the elapsed time. Disposable, so `using timer = perf.startTimer('op')` stops it at the end
 * of the block (TypeScript ≥ 5.2 or tsx/esbuild lower `using` for Node 20, which has `Symbol.dispose`).
 */
export class PerformanceTimer implements Disposable {
  readonly operationName: string
  readonly #now: () => number
  readonly #onStop: TimerStopHandler
  readonly #startedAt: number
  #elapsedMs: number | undefined

  constructor(operationName: string, now: () => number, onStop: TimerStopHandler) {
    this.operationName = operationName
    this.#now = now
    this.#onStop = onStop
    this.#startedAt = now()
  }

  /** True once stopped or failed. */
  get stopped(): boolean {
    return this.#elapsedMs !== undefined
  }

  /** Ms so far while running; the recorded duration once stopped. */
  get elapsedMs(): number {
    return this.#elapsedMs ?? this.#now() - this.#startedAt
  }

  /** Records the duration as a success; returns it in ms. */
  stop(): number {
    return this.#finish(undefined)
  }

  /** Records the duration and counts an error for the operation; returns the duration in ms. */
  fail(error: unknown): number {
    return this.#finish(error ?? 'unknown error')
  }

  [Symbol.dispose](): void {
    this.stop()
  }

  #finish(error: unknown): number {
    if (this.#elapsedMs !== undefined) return this.#elapsedMs
    const elapsed = Math.max(0, this.#now() - this.#startedAt)
    this.#elapsedMs = elapsed
    this.#onStop(elapsed, error)
    return elapsed
  }
}
