import { type Clock, systemClock } from '@squeezeflow/core'

/** What `/livez` reports of one loop. */
export interface TaskProgress {
  name: string
  /** ISO-8601 time the last run completed, or null before the first. */
  last_completed_at: string | null
  seconds_since_progress: number
  stalled: boolean
}

/** Anything `/livez` judges: a repeating task, or a loop that reports its own rounds. */
export interface Watched {
  readonly name: string
  /** Whether the loop is keeping up, judged at `now` (epoch ms). */
  progress(now?: number): TaskProgress
}

export interface ProgressWatch extends Watched {
  /** The loop starts (again): time without progress counts from here. */
  started(): void
  /** A round completed. */
  completed(): void
  /** The loop stopped on purpose: it is no longer judged. */
  stopped(): void
}

export interface ProgressWatchOptions {
  name: string
  /** A running loop that has completed nothing for longer than this has stalled. */
  stallMs: number
  clock?: Clock
}

/**
 * The stall rule of every loop: stalled while running with no completed round for more than `stallMs`. Told
 * about rounds rather than polling for them, so watching a loop costs no timer.
 */
export function createProgressWatch({
  name,
  stallMs,
  clock = systemClock,
}: ProgressWatchOptions): ProgressWatch {
  let running = false
  let lastCompletedAt: number | undefined
  let progressSince = clock()
  return {
    name,
    started() {
      running = true
      progressSince = clock()
    },
    completed() {
      lastCompletedAt = clock()
    },
    stopped() {
      running = false
    },
    progress(now = clock()) {
      const since = now - (lastCompletedAt ?? progressSince)
      return {
        name,
        last_completed_at: lastCompletedAt === undefined ? null : new Date(lastCompletedAt).toISOString(),
        seconds_since_progress: Math.round(since / 1000),
        stalled: running && since > stallMs,
      }
    },
  }
}
