import type { Alert } from '@squeezeflow/core'
import type { AlertRecord } from '../types.js'

/**
 * A firing record that no instance has announced or marked active for `staleMs` has no instance left that
 * sees it: the one that did was killed or scaled away, or its condition cleared while it was down. Returns
 * the resolution to claim for it, or undefined while it is fresh.
 */
export function staleResolution(record: AlertRecord, now: number, staleMs: number): Alert | undefined {
  const lastHeard = Math.max(record.lastNotified, record.seenAt ?? 0)
  if (record.state !== 'firing' || now - lastHeard < staleMs) return undefined
  const at = new Date(now).toISOString()
  return {
    ...record.alert,
    state: 'resolved',
    message: `resolved: ${record.alert.message} (no monitor has reported it since ${new Date(lastHeard).toISOString()})`,
    resolved_at: at,
    repeat: false,
    timestamp: at,
  }
}
