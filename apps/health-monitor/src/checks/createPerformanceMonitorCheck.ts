import { type Clock, errorMessage, parseDashboard } from '@squeezeflow/core'
import type { CheckFn, CheckOutcome } from '../types.js'

const MAX_ALERTS_SHOWN = 20

/**
 * Reads performance-monitor's dashboard through core's contract (README "How it works"): absent →
 * unhealthy; text that breaks the contract → degraded, naming the problem; `last_updated` older than 3
 * update intervals → degraded. Its active alerts are shown as they are.
 */
export function dashboardOutcome(
  json: string | null,
  nowMs: number,
  updateIntervalSeconds: number,
): CheckOutcome {
  const staleAfterSeconds = updateIntervalSeconds * 3
  if (json === null) {
    return {
      status: 'unhealthy',
      message: 'performance dashboard is absent',
      details: { dashboard_present: false, stale_after_seconds: staleAfterSeconds },
    }
  }
  const parsed = parseDashboard(json)
  if (!parsed.ok) {
    return {
      status: 'degraded',
      message: `performance dashboard breaks its contract: ${parsed.problem}`,
      details: { dashboard_present: true, contract_problem: parsed.problem },
    }
  }
  const { last_updated, active_alerts: alerts } = parsed.dashboard
  const ageSeconds = Math.max(0, Math.round((nowMs - Date.parse(last_updated)) / 100) / 10)
  const details = {
    dashboard_present: true,
    last_updated,
    age_seconds: ageSeconds,
    stale_after_seconds: staleAfterSeconds,
    active_alert_count: alerts.length,
    active_alerts: alerts.slice(0, MAX_ALERTS_SHOWN),
  }
  if (ageSeconds > staleAfterSeconds) {
    return {
      status: 'degraded',
      message: `performance dashboard is stale: ${ageSeconds} s old (> ${staleAfterSeconds} s)`,
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
  /** The dashboard's JSON text, null when the key is absent; rejects when Redis cannot answer. */
  readDashboard: () => Promise<string | null>,
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
