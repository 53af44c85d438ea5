import type { Alert } from '@squeezeflow/core'

const MAX_RECENT = 50

/**
 * What performance-monitor has announced on `<prefix>:performance_alerts`: the alerts firing now (a
 * resolved message removes its alert) and the most recent messages. Bad messages are counted, not kept.
 */
export function createPerformanceAlertBook(maxRecent = MAX_RECENT) {
  const firing = new Map<string, Alert>()
  const recent: Alert[] = []
  let invalid = 0

  return {
    /** Takes one raw message; returns the alert, or undefined when the message is not an alert. */
    receive(message: string): Alert | undefined {
      let alert: Alert
      try {
        alert = JSON.parse(message) as Alert
      } catch {
        invalid += 1
        return undefined
      }
      if (
        typeof alert !== 'object' ||
        alert === null ||
        typeof alert.fingerprint !== 'string' ||
        typeof alert.state !== 'string'
      ) {
        invalid += 1
        return undefined
      }
      if (alert.state === 'resolved') firing.delete(alert.fingerprint)
      else firing.set(alert.fingerprint, alert)
      recent.unshift(alert)
      if (recent.length > maxRecent) recent.length = maxRecent
      return alert
    },
    firing: () => [...firing.values()],
    /** Newest first. */
    recent: () => [...recent],
    invalidCount: () => invalid,
  }
}

export type PerformanceAlertBook = ReturnType<typeof createPerformanceAlertBook>
