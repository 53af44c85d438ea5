import type { Logger } from '../logger/createLogger.js'
import { runSteps, type Step } from './runSteps.js'

/**
 * On SIGTERM or SIGINT runs the steps (each on its own, see `runSteps`), then exits 0. A second signal, or
 * `forceAfterMs` passing, exits at once with code 1.
 */
export function handleShutdown(steps: readonly Step[], logger: Logger, forceAfterMs = 10_000): void {
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
    await runSteps(steps, logger)
    logger.info('stopped')
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}
