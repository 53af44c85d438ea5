import type { Logger } from '../logger/createLogger.js'

export interface ShutdownStep {
  name: string
  run: () => Promise<void> | void
}

/**
 * On SIGTERM or SIGINT runs each step in order, each in its own try/catch so one failure does not skip the
 * rest, then exits 0. A second signal, or `forceAfterMs` passing, exits at once with code 1.
 */
export function handleShutdown(steps: ShutdownStep[], logger: Logger, forceAfterMs = 10_000): void {
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn('second signal, exiting now', { signal })
      process.exit(1)
    }
    stopping = true
    logger.info('shutting down', { signal })
    setTimeout(() => {
      logger.error('shutdown timed out, exiting', { forceAfterMs })
      process.exit(1)
    }, forceAfterMs).unref()
    for (const step of steps) {
      try {
        await step.run()
      } catch (err) {
        logger.error('shutdown step failed', { step: step.name, err })
      }
    }
    logger.info('stopped')
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}
