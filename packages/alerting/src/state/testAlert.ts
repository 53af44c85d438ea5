import type { Alert } from '@squeezeflow/core'

const T0 = Date.parse('2026-01-01T00:00:00Z')

/** An alert as core's AlertTracker emits it, for tests; `at` is ms after 2026-01-01T00:00:00Z. */
export function testAlert(state: Alert['state'], at: number, extra: Partial<Alert> = {}): Alert {
  const iso = new Date(T0 + at).toISOString()
  return {
    fingerprint: 'health-monitor/data_gap/aggr_server',
    source: 'health-monitor',
    rule: 'data_gap',
    service: 'aggr_server',
    severity: 'critical',
    state,
    message: 'no data for 912 s',
    value: 912,
    threshold: 600,
    duration_seconds: 0,
    started_at: iso,
    ...(state === 'firing' ? { fired_at: iso } : {}),
    ...(state === 'resolved' ? { resolved_at: iso } : {}),
    repeat: false,
    timestamp: iso,
    ...extra,
  }
}

export const at = (ms: number) => T0 + ms
