import type { Clock } from '@squeezeflow/core'

/**
 * Local view of the recovery lease. Validity is counted from when the confirming command was *sent*, so
 * a slow round trip shortens what this process believes, never lengthens it.
 */
export function createLeaseState(ttlMs: number, clock: Clock) {
  let heldUntil: number | undefined
  let reason = 'lease not acquired yet'
  return {
    confirmed(sentAt: number) {
      heldUntil = sentAt + ttlMs
    },
    lost(why: string) {
      heldUntil = undefined
      reason = why
    },
    isHeld(): boolean {
      return heldUntil !== undefined && clock() < heldUntil
    },
    /** Why the lease is not held (meaningful when `isHeld()` is false). */
    reason(): string {
      return heldUntil !== undefined && clock() >= heldUntil ? 'lease expired before renewal' : reason
    },
  }
}
