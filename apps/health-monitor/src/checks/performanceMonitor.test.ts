import { describe, expect, it } from 'vitest'
import { createPerformanceMonitorCheck, dashboardOutcome } from './performanceMonitor.js'

const NOW = Date.parse('2026-01-01T12:00:00Z')
const dashboard = (over: Record<string, unknown>) => ({ json: JSON.stringify(over), ttlMs: 3_500_000 })

describe('performance_monitor check', () => {
  it('is unhealthy when the dashboard is absent', () => {
    expect(dashboardOutcome(null, NOW, 30).status).toBe('unhealthy')
  })

  it('is healthy while last_updated is within 3 update intervals, degraded beyond', () => {
    const fresh = dashboardOutcome(dashboard({ last_updated: new Date(NOW - 90_000).toISOString() }), NOW, 30)
    expect(fresh).toMatchObject({ status: 'healthy', details: { age_seconds: 90, stale_after_seconds: 90 } })
    const stale = dashboardOutcome(dashboard({ last_updated: NOW - 91_000 }), NOW, 30)
    expect(stale.status).toBe('degraded')
    expect(stale.message).toMatch(/stale/)
  })

  it('falls back to the key TTL when the dashboard carries no time', () => {
    expect(dashboardOutcome({ json: '{}', ttlMs: 3_600_000 - 10_000 }, NOW, 30).details).toMatchObject({
      age_seconds: 10,
    })
  })

  it('surfaces the active performance alerts', () => {
    const alerts = [{ fingerprint: 'performance-monitor/cpu/system', state: 'firing' }]
    const outcome = dashboardOutcome(dashboard({ last_updated: NOW, active_alerts: alerts }), NOW, 30)
    expect(outcome.details).toMatchObject({ active_alert_count: 1, active_alerts: alerts })
  })

  it('is degraded on unreadable JSON and unknown (redis the cause) when the read fails', async () => {
    expect(dashboardOutcome({ json: 'nope', ttlMs: 1 }, NOW, 30).status).toBe('degraded')
    const outcome = await createPerformanceMonitorCheck(
      () => Promise.reject(new Error('down')),
      30,
      () => NOW,
    )()
    expect(outcome).toMatchObject({ status: 'unknown', details: { dependency_down: 'redis' } })
  })
})
