import { dashboard } from '../../fixtures/dashboard.js'

/** A dashboard as performance-monitor writes it (core's dashboard schema), with host figures and one timed operation. */
export function dashboardText(lastUpdatedMs: number): string {
  const base = dashboard(new Date(lastUpdatedMs).toISOString())
  return JSON.stringify({
    ...base,
    service: { ...base.service, hostname: 'box' },
    system: {
      ...base.system,
      cpu_percent: 12.5,
      memory_percent: 40,
      memory_used_mb: 1,
      disk_percent: 70,
      disk_used_mb: 1,
    },
    metrics: {
      redis_publish_time_ms: {
        count: 9,
        mean: 1,
        median: 1,
        std: 0,
        min: 1,
        max: 9,
        p95: 8,
        p99: 9,
        latest: 2,
        trend: 'stable',
        unit: 'ms',
        service: 'runner',
        window_seconds: null,
      },
    },
    operations: {
      redis_publish: { count: 9, errors: 1, error_rate_percent: 11.1, recent_error_rate_percent: null },
    },
  })
}
