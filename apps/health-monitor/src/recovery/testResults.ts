import type { HealthCheck, HealthStatus } from '@squeezeflow/core'

/**
 * Check results shaped as the health-monitor checks report them, for tests of recovery (unit and
 * integration). Not used by production code.
 */
export function checkResult(
  name: string,
  status: HealthStatus,
  details: Record<string, unknown> = {},
  message: string = status,
): HealthCheck {
  return { name, status, response_time_ms: 1, message, details, timestamp: new Date().toISOString() }
}

/** aggr_server as the data-flow check reports a gap of `gapMinutes` (critical above 10 min, unhealthy above 5). */
export function aggrResult(gapMinutes: number, thresholds = { unhealthy: 5, critical: 10 }): HealthCheck {
  const status: HealthStatus =
    gapMinutes > thresholds.critical
      ? 'critical'
      : gapMinutes > thresholds.unhealthy
        ? 'unhealthy'
        : 'healthy'
  return checkResult('aggr_server', status, {
    container_running: true,
    data_gap_minutes: gapMinutes,
    recent_data_count: status === 'healthy' ? 500 : 0,
    data_flow_healthy: status === 'healthy',
  })
}

export function resultsOf(...checks: HealthCheck[]): ReadonlyMap<string, HealthCheck> {
  return new Map(checks.map((c) => [c.name, c]))
}
