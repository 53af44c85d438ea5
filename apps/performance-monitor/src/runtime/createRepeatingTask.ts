import type { Logger } from '@squeezeflow/service-kit/logger'

export interface RepeatingTask {
  start(): void
  /** Stops the schedule and waits for a run in progress. */
  stop(): Promise<void>
}

/**
 * Runs `run` now and then every `intervalMs` (measured from the start of a run; a run that takes longer delays the
 * next one, so runs never overlap). A failed run is
 * logged (once per distinct message) and the schedule goes on. The timer does not keep the process alive.
 */
export function createRepeatingTask(
  name: string,
  intervalMs: number,
  run: () => Promise<void>,
  logger: Logger,
) {
  let timer: NodeJS.Timeout | undefined
  let current: Promise<void> | undefined
  let running = false
  let lastError: string | undefined

  const tick = async () => {
    try {
      await run()
      if (lastError !== undefined) logger.info('task recovered', { task: name })
      lastError = undefined
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      if (message !== lastError) logger.warn('task failed', { task: name, err })
      lastError = message
    }
  }
  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      const startedAt = performance.now()
      current = tick().finally(() => {
        current = undefined
        if (running) schedule(Math.max(0, intervalMs - (performance.now() - startedAt)))
      })
    }, delayMs)
    timer.unref()
  }

  const task: RepeatingTask = {
    start() {
      if (running) return
      running = true
      schedule(0)
    },
    async stop() {
      running = false
      clearTimeout(timer)
      await current
    },
  }
  return task
}
