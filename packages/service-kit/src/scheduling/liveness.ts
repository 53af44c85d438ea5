import type { TaskProgress, Watched } from './createProgressWatch.js'

export interface Liveness {
  alive: boolean
  /** Names of the tasks that have stalled. */
  stalled: string[]
  tasks: TaskProgress[]
}

/** The `/livez` verdict: alive while no loop has stalled. Redis and monitored services play no part. */
export function livenessOf(tasks: readonly Watched[], now?: number): Liveness {
  const progress = tasks.map((task) => task.progress(now))
  const stalled = progress.filter((p) => p.stalled).map((p) => p.name)
  return { alive: stalled.length === 0, stalled, tasks: progress }
}
