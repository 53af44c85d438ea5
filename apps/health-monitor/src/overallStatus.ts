import { compareStatus, type HealthCheck, type HealthStatus, worstStatus } from '@squeezeflow/core'

/**
 * The worst service status, where a non-critical service counts at most as `degraded`: its own entry tells
 * the truth, but it does not make the whole system unavailable.
 */
export function overallStatus(
  results: Iterable<HealthCheck>,
  criticalServices: ReadonlySet<string>,
): HealthStatus {
  const statuses: HealthStatus[] = []
  for (const { name, status } of results) {
    const capped = !criticalServices.has(name) && compareStatus(status, 'degraded') > 0 ? 'degraded' : status
    statuses.push(capped)
  }
  return worstStatus(statuses)
}
