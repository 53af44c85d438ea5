import type { Clock } from '@squeezeflow/core'
import { errorMessage } from '@squeezeflow/core'
import type { CheckFn, CheckOutcome } from '../types.js'

/** The dashboard key as read from Redis: its JSON text and remaining time to live. */
export interface DashboardRead {
  json: string
  /** Remaining TTL in ms; negative when the key has none. */
  ttlMs: number
}

/** The key's TTL as performance-monitor sets it (DESIGN.md: TTL 1 h). */
const DASHBOARD_TTL_MS = 3_600_000
const MAX_ALERTS_SHOWN = 20

function parseTime(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value < 1e11 ? value * 1000 : value
  if (typeof value === 'string') {
    const ms = Date.parse(value)
    return Number.isNaN(ms) ? undefined : ms
  }
  return undefined
}

/** When the dashboard was written: its `last_updated` field, else what its TTL says. */
function updatedAt(dashboard: Record<string, unknown>, ttlMs: number, nowMs: number): number | undefined {
  const stamped = parseTime(dashboard.last_updated ?? dashboard.timestamp)
  if (stamped !== undefined) return stamped
  return ttlMs > 0 ? nowMs - (DASHBOARD_TTL_MS - ttlMs) : undefined
}

/** Absent → unhealthy; older than 3 update intervals → degraded; surfaces the dashboard's active alerts. */
export function dashboardOutcome(
  read: DashboardRead | null,
  nowMs: number,
  updateIntervalSeconds: number,
): CheckOutcome {
  const staleAfterSeconds = updateIntervalSeconds * 3
  if (read === null) {
    return {
      status: 'unhealthy',
      message: 'performance dashboard is absent',
      details: { dashboard_present: false, stale_after_seconds: staleAfterSeconds },
    }
  }
  let dashboard: Record<string, unknown>
  try {
    const parsed: unknown = JSON.parse(read.json)
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not a JSON object')
    dashboard = parsed as Record<string, unknown>
  } catch (err) {
    return {
      status: 'degraded',
      message: `performance dashboard unreadable: ${errorMessage(err)}`,
      details: { dashboard_present: true },
    }
  }
  const at = updatedAt(dashboard, read.ttlMs, nowMs)
  const ageSeconds = at === undefined ? null : Math.max(0, Math.round((nowMs - at) / 100) / 10)
  const alerts = Array.isArray(dashboard.active_alerts) ? dashboard.active_alerts : []
  const details = {
    dashboard_present: true,
    last_updated: at === undefined ? null : new Date(at).toISOString(),
    age_seconds: ageSeconds,
    stale_after_seconds: staleAfterSeconds,
    active_alert_count: alerts.length,
    active_alerts: alerts.slice(0, MAX_ALERTS_SHOWN),
  }
  if (ageSeconds === null || ageSeconds > staleAfterSeconds) {
    const age = ageSeconds === null ? 'of unknown age' : `${ageSeconds} s old`
    return {
      status: 'degraded',
      message: `performance dashboard is stale: ${age} (> ${staleAfterSeconds} s)`,
      details,
    }
  }
  return {
    status: 'healthy',
    message: `dashboard fresh (${ageSeconds} s old), ${alerts.length} active alerts`,
    details,
  }
}

export function createPerformanceMonitorCheck(
  readDashboard: () => Promise<DashboardRead | null>,
  updateIntervalSeconds: number,
  clock: Clock,
): CheckFn {
  return async () => {
    try {
      return dashboardOutcome(await readDashboard(), clock(), updateIntervalSeconds)
    } catch (err) {
      const message = `dashboard unknown: redis read failed: ${errorMessage(err)}`
      return { status: 'unknown', message, details: { dashboard_present: null, dependency_down: 'redis' } }
    }
  }
}
