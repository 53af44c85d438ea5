import type { ActiveAlert } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { activeAlert, dashboard } from '../../test/fixtures/dashboard.js'
import { createPerformanceMonitorCheck, dashboardOutcome } from './createPerformanceMonitorCheck.js'

const NOW = Date.parse('2026-01-01T12:00:00Z')
const writtenAt = (ms: number, alerts: ActiveAlert[] = []) =>
  JSON.stringify(dashboard(new Date(ms).toISOString(), alerts))

describe('performance_monitor check', () => {
  it('is unhealthy when the dashboard is absent', () => {
    expect(dashboardOutcome(null, NOW, 30).status).toBe('unhealthy')
  })

  it('is healthy while last_updated is within 3 update intervals, degraded beyond', () => {
    const fresh = dashboardOutcome(writtenAt(NOW - 90_000), NOW, 30)
    expect(fresh).toMatchObject({ status: 'healthy', details: { age_seconds: 90, stale_after_seconds: 90 } })
    const stale = dashboardOutcome(writtenAt(NOW - 91_000), NOW, 30)
    expect(stale.status).toBe('degraded')
    expect(stale.message).toMatch(/stale/)
  })

  it('reports a dashboard that breaks the contract as such, never guessing its time', () => {
    const inSeconds = { ...dashboard(new Date(NOW).toISOString()), last_updated: NOW / 1000 }
    const outcome = dashboardOutcome(JSON.stringify(inSeconds), NOW, 30)
    expect(outcome).toMatchObject({ status: 'degraded', details: { dashboard_present: true } })
    expect(outcome.message).toMatch(/breaks its contract: last_updated: /)
    expect(dashboardOutcome('{}', NOW, 30).details).toMatchObject({
      contract_problem: expect.stringMatching(/^last_updated: /),
    })
  })

  it('surfaces the active performance alerts', () => {
    const alerts = [activeAlert({ fingerprint: 'performance-monitor/cpu/system', state: 'firing' })]
    const outcome = dashboardOutcome(writtenAt(NOW, alerts), NOW, 30)
    expect(outcome.details).toMatchObject({ active_alert_count: 1, active_alerts: alerts })
  })

  it('is degraded on unreadable JSON and unknown (redis the cause) when the read fails', async () => {
    expect(dashboardOutcome('nope', NOW, 30).status).toBe('degraded')
    const outcome = await createPerformanceMonitorCheck(
      () => Promise.reject(new Error('down')),
      30,
      () => NOW,
    )()
    expect(outcome).toMatchObject({ status: 'unknown', details: { dependency_down: 'redis' } })
  })
})
