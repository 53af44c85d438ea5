import type { RestartRecord } from './types.js'

export interface BudgetInput {
  history: readonly RestartRecord[]
  now: number
  /** Restarts allowed in any rolling window. */
  budget: number
  windowMs: number
}

export interface BudgetState {
  /** Restarts inside the rolling window, oldest first. */
  inWindow: RestartRecord[]
  left: number
  /** When the next restart is allowed by the budget; undefined when it is allowed now. */
  nextAllowedAt: number | undefined
}

/** Every restart attempt counts, whatever its outcome: a restart that errors still hit the container. */
export function restartBudget({ history, now, budget, windowMs }: BudgetInput): BudgetState {
  const inWindow = history.filter((r) => r.at > now - windowMs && r.at <= now).sort((a, b) => a.at - b.at)
  const left = Math.max(0, budget - inWindow.length)
  if (left > 0) return { inWindow, left, nextAllowedAt: undefined }
  // The window frees a slot once enough of the oldest restarts have aged out of it.
  const freeing = inWindow[inWindow.length - budget]
  return { inWindow, left, nextAllowedAt: freeing === undefined ? undefined : freeing.at + windowMs }
}
