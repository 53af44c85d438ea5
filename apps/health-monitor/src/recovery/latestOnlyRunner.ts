/**
 * Runs one job at a time. What is submitted while a job runs waits, and a newer submission replaces it:
 * if the check loop is faster than a slow Docker, only the latest results are worth acting on.
 */
export function createLatestOnlyRunner<T>(
  job: (value: T) => Promise<void>,
  onError: (error: unknown) => void,
) {
  let running: Promise<void> | undefined
  let queued: { value: T } | undefined
  let stopped = false
  const run = (value: T) => {
    running = job(value)
      .catch(onError)
      .finally(() => {
        running = undefined
        const next = queued
        queued = undefined
        if (next !== undefined && !stopped) run(next.value)
      })
  }
  return {
    submit(value: T): void {
      if (stopped) return
      if (running === undefined) run(value)
      else queued = { value }
    },
    /** The job running now, if any (a queued one starts when it ends). */
    current: (): Promise<void> | undefined => running,
    /** Drops what is queued and accepts nothing more; the running job finishes. */
    stop(): void {
      stopped = true
      queued = undefined
    },
  }
}
