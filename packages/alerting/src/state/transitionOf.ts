import type { Alert } from '@squeezeflow/core'
import type { TransitionKind } from '../types.js'

/** Which transition an alert from core's `AlertTracker` (or a hand-made one) announces; pending says nothing. */
export function transitionOf(alert: Alert): TransitionKind | undefined {
  if (alert.state === 'resolved') return 'resolve'
  if (alert.state === 'firing') return alert.repeat ? 'repeat' : 'fire'
  return undefined
}
