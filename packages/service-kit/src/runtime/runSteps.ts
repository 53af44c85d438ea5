import type { Logger } from '../logger/createLogger.js'

export interface Step {
  name: string
  run: () => unknown
}

/**
 * Runs each step in order, each in its own try/catch, so one failure does not skip the rest: the shape of
 * every stop and shutdown in both services.
 */
export async function runSteps(steps: readonly Step[], logger: Logger): Promise<void> {
  for (const step of steps) {
    try {
      await step.run()
    } catch (err) {
      logger.error('step failed', { step: step.name, err })
    }
  }
}
