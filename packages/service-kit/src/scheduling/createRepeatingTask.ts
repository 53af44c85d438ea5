import { type Clock, errorMessage, systemClock } from '@squeezeflow/core'
import type { Logger } from '../logger/createLogger.js'
import { createProgressWatch, type Watched } from './createProgressWatch.js'

export interface RepeatingTaskOptions {
  /** Names the task in logs and in `/livez`. */
  name: string
  /** Milliseconds from the start of one run to the start of the next. */
  intervalMs: number
  run: () => Promise<unknown>
  logger: Logger
  /**
   * The task counts as stalled when no run has completed for this many intervals (plus `graceMs`).
   * Default 3.
   */
  stallAfterIntervals?: number
  /** Extra time a run may legitimately take on top of the intervals, e.g. a check timeout. Default 0. */
  graceMs?: number
  clock?: Clock
}

export interface RepeatingTask extends Watched {
  readonly intervalMs: number
  /** Runs at once, then every interval. Idempotent. */
  start(): void
  /** Stops the schedule and waits for a run in progress. */
  stop(): Promise<void>
  /** Runs now, outside the schedule; a caller arriving during a run shares that run. */
  runNow(): Promise<void>
}

/**
 * The one scheduler of both services. Runs never overlap: a run longer than the interval delays the next.
 * A failed run is logged once per distinct message and the schedule goes on; success after a failure is
 * logged as recovery. A run that never settles stops the schedule, and `progress` reports the task as
 * stalled, which is what `/livez` turns into a 503 so the container gets restarted. Timers never hold the
 * process open.
 */
export function createRepeatingTask({
  name,
  intervalMs,
  run,
  logger,
  stallAfterIntervals = 3,
  graceMs = 0,
  clock = systemClock,
}: RepeatingTaskOptions): RepeatingTask {
  if (!(intervalMs > 0)) throw new RangeError(`task ${name}: intervalMs must be > 0`)
  const watch = createProgressWatch({ name, stallMs: stallAfterIntervals * intervalMs + graceMs, clock })
  let timer: NodeJS.Timeout | undefined
  let current: Promise<void> | undefined
  let running = false
  let lastError: string | undefined

  const attempt = async () => {
    try {
      await run()
      if (lastError !== undefined) logger.info('task recovered', { task: name })
      lastError = undefined
    } catch (err) {
      const message = errorMessage(err)
      if (message !== lastError) logger.warn('task failed', { task: name, err })
      lastError = message
    } finally {
      watch.completed()
    }
  }

  const runNow = () => {
    current ??= attempt().finally(() => {
      current = undefined
    })
    return current
  }

  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      const startedAt = clock()
      void runNow().then(() => {
        if (running) schedule(Math.max(0, intervalMs - (clock() - startedAt)))
      })
    }, delayMs)
    timer.unref()
  }

  return {
    name,
    intervalMs,
    start() {
      if (running) return
      running = true
      watch.started()
      schedule(0)
    },
    async stop() {
      running = false
      watch.stopped()
      clearTimeout(timer)
      await current
    },
    runNow,
    progress: watch.progress,
  }
}
