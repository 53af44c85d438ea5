import { describe, expect, it } from 'vitest'
import { at, testAlert } from '../state/testAlert.js'
import type { AlertRecord } from '../types.js'
import { toAlertmanagerAlert } from './toAlertmanagerAlert.js'

const firing: AlertRecord = {
  state: 'firing',
  since: at(0),
  lastNotified: at(0),
  rev: 1,
  alert: testAlert('firing', 0, { duration_seconds: 60 }),
}
const context = { now: at(30_000), resendMs: 60_000, stack: 'prod' }

describe('toAlertmanagerAlert', () => {
  it('labels a firing alert identically on every replica and keeps it valid for 4 resend intervals', () => {
    expect(toAlertmanagerAlert(firing, context)).toEqual({
      labels: {
        alertname: 'data_gap',
        service: 'aggr_server',
        severity: 'critical',
        source: 'health-monitor',
        stack: 'prod',
      },
      annotations: {
        summary: 'no data for 912 s',
        description: 'no data for 912 s (value 912, threshold 600, held for at least 60 s)',
      },
      startsAt: '2026-01-01T00:00:00.000Z',
      endsAt: '2026-01-01T00:04:30.000Z',
    })
  })

  it('keeps a firing alert valid for longer when asked', () => {
    expect(toAlertmanagerAlert(firing, { ...context, validMs: 600_000 }).endsAt).toBe(
      '2026-01-01T00:10:30.000Z',
    )
  })

  it('ends a resolved alert when it resolved', () => {
    const resolved: AlertRecord = { ...firing, state: 'resolved', resolvedAt: at(20_000) }
    expect(toAlertmanagerAlert(resolved, context).endsAt).toBe('2026-01-01T00:00:20.000Z')
  })

  it('links the runbook section and the monitor page when their base URLs are given', () => {
    const linked = toAlertmanagerAlert(firing, {
      ...context,
      runbookUrl: 'https://git.example/README.md',
      generatorUrl: 'http://monitor:8090',
    })
    expect(linked.annotations.runbook_url).toBe('https://git.example/README.md#troubleshooting')
    expect(linked.generatorURL).toBe('http://monitor:8090/health/service/aggr_server')
  })

  it('gives no runbook to a rule without a README section, and a plain description without figures', () => {
    const custom: AlertRecord = {
      ...firing,
      alert: testAlert('firing', 0, { rule: 'queue_depth', value: undefined, threshold: undefined }),
    }
    const alert = toAlertmanagerAlert(custom, { ...context, runbookUrl: 'https://git.example/README.md' })
    expect(alert.annotations).toEqual({ summary: 'no data for 912 s', description: 'no data for 912 s' })
  })
})
