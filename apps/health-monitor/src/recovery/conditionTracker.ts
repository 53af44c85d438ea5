/** Remembers since when a condition has held, per key; forgets as soon as it clears. */
export function createConditionTracker() {
  const since = new Map<string, number>()
  return {
    /** Returns the time the condition was first seen in this episode, or undefined when it does not hold. */
    update(key: string, holds: boolean, now: number): number | undefined {
      if (!holds) {
        since.delete(key)
        return undefined
      }
      const first = since.get(key) ?? now
      since.set(key, first)
      return first
    },
  }
}
