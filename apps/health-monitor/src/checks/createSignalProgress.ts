import type { Clock } from '@squeezeflow/core'

export type SignalProgressState =
  | { state: 'absent' }
  | { state: 'advancing' | 'stalled'; value: number; lastAdvanceMs: number; secondsSinceAdvance: number }

/**
 * Remembers when the signal counter last moved. The first value seen counts as a move (nothing is known
 * before it), and so does a counter reset, since a restarted runner that publishes is alive.
 */
export function createSignalProgress(clock: Clock, stallSeconds: number) {
  let last: { value: number; changedMs: number } | undefined
  return {
    observe(value: number | null): SignalProgressState {
      const now = clock()
      if (value === null) {
        last = undefined
        return { state: 'absent' }
      }
      if (!last || last.value !== value) last = { value, changedMs: now }
      const secondsSinceAdvance = (now - last.changedMs) / 1000
      return {
        state: secondsSinceAdvance > stallSeconds ? 'stalled' : 'advancing',
        value,
        lastAdvanceMs: last.changedMs,
        secondsSinceAdvance: Math.round(secondsSinceAdvance * 10) / 10,
      }
    },
  }
}
