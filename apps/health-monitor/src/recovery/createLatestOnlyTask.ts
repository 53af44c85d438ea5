import type { Clock } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'
import { createRepeatingTask, type RepeatingTask } from '@squeezeflow/service-kit/scheduling'

export interface LatestOnlyTask<T> {
  readonly task: RepeatingTask
  /** Hands a value over; it replaces one still waiting, and runs as soon as the job is free. */
  submit(value: T): void
  /** Whether a value waits for the job. */
  waiting(): boolean
  /** Drops what waits and accepts nothing more; the job running finishes (`task.stop` waits for it). */
  close(): void
}

/**
 * A repeating task that runs `job` on the latest value handed over, one at a time: if the check loop is
 * faster than a slow Docker, only the latest results are worth acting on. `submit` runs it at once (or
 * after the run in progress); the schedule catches a value that arrived as a run was ending.
 */
export function createLatestOnlyTask<T>(options: {
  name: string
  intervalMs: number
  graceMs: number
  job: (value: T) => Promise<void>
  onError: (error: unknown) => void
  logger: Logger
  clock: Clock
}): LatestOnlyTask<T> {
  let next: { value: T } | undefined
  let closed = false
  const task = createRepeatingTask({
    ...options,
    async run() {
      for (let taken = next; taken !== undefined && !closed; taken = next) {
        next = undefined
        await options.job(taken.value).catch(options.onError)
      }
    },
  })
  return {
    task,
    submit(value) {
      if (closed) return
      next = { value }
      void task.runNow()
    },
    waiting: () => next !== undefined,
    close() {
      closed = true
      next = undefined
    },
  }
}
