import { describe, expect, it } from 'vitest'
import {
  restartErrorAlert,
  restartNotVerifiedAlert,
  restartStartedAlert,
  restartVerifiedAlert,
} from './recoveryAlerts.js'

const at = Date.parse('2026-01-01T00:00:00Z')

describe('restart alerts', () => {
  it('share one fingerprint through a restart: firing, then resolved when verified', () => {
    const started = restartStartedAlert('aggr_server', 'no data', at)
    const verified = restartVerifiedAlert(
      'aggr_server',
      'container running and data flowing again',
      at,
      at + 60_000,
    )
    expect(started).toMatchObject({
      fingerprint: 'health-monitor/auto_restart/aggr_server',
      severity: 'warning',
      state: 'firing',
      message: 'auto-restarting aggr_server: no data',
      started_at: '2026-01-01T00:00:00.000Z',
    })
    expect(verified).toMatchObject({
      fingerprint: started.fingerprint,
      severity: 'info',
      state: 'resolved',
      resolved_at: '2026-01-01T00:01:00.000Z',
    })
  })

  it('escalate to critical when the restart did not help or failed', () => {
    expect(restartNotVerifiedAlert('aggr_server', 'no new data', at, at + 1)).toMatchObject({
      severity: 'critical',
      state: 'firing',
      message: 'restart did not help: aggr_server, no new data',
    })
    expect(restartErrorAlert('strategy_runner', 'permission denied', at).message).toBe(
      'restart of strategy_runner failed: permission denied',
    )
  })
})
