/** Milliseconds since the Unix epoch. Injected into pure logic so tests control time without sleeping. */
export type Clock = () => number

export const systemClock: Clock = () => Date.now()

/** A clock for tests: starts at `startMs` and moves only when told to. */
export function createManualClock(startMs = Date.parse('2026-01-01T00:00:00Z')) {
  let nowMs = startMs
  const clock: Clock = () => nowMs
  return {
    clock,
    advance(ms: number) {
      nowMs += ms
    },
    set(ms: number) {
      nowMs = ms
    },
  }
}
