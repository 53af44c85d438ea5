import type { HealthCheck } from '@squeezeflow/core'

/** The latest result and the last `limit` results of each service, oldest first in memory. */
export function createResultStore(limit = 100) {
  if (!(limit >= 1)) throw new RangeError('result history limit must be >= 1')
  const histories = new Map<string, HealthCheck[]>()
  return {
    record(result: HealthCheck): void {
      let history = histories.get(result.name)
      if (!history) {
        history = []
        histories.set(result.name, history)
      }
      history.push(result)
      if (history.length > limit) history.splice(0, history.length - limit)
    },
    latest(name: string): HealthCheck | undefined {
      return histories.get(name)?.at(-1)
    },
    /** Newest first. */
    history(name: string): HealthCheck[] {
      return [...(histories.get(name) ?? [])].reverse()
    },
  }
}

export type ResultStore = ReturnType<typeof createResultStore>
