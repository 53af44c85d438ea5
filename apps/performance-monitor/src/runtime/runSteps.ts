import type { Logger } from '@squeezeflow/service-kit/logger'

/** Runs each step in order, each in its own try/catch, so one failure does not skip the rest. */
export async function runSteps(steps: Array<[string, () => unknown]>, logger: Logger): Promise<void> {
  for (const [name, run] of steps) {
    try {
      await run()
    } catch (err) {
      logger.error('stop step failed', { step: name, err })
    }
  }
}
