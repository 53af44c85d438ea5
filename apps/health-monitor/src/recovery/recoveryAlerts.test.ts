import { type Alert, AlertTracker, createManualClock } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import type { BudgetState } from './decideRestart.js'
import { loadRecoveryConfig } from './loadRecoveryConfig.js'
import {
  announceDecision,
  restartErrorAlert,
  restartNotVerifiedAlert,
  restartStartedAlert,
  restartVerifiedAlert,
} from './recoveryAlerts.js'
import type { Decision } from './types.js'

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

const config = loadRecoveryConfig({ RESTART_WINDOW_SECONDS: '3600' })

function setup() {
  const manual = createManualClock()
  const tracker = new AlertTracker({ clock: manual.clock, repeatIntervalSeconds: config.windowSeconds })
  const published: Alert[] = []
  const announce = (decision: Decision, budget: BudgetState, available = true) =>
    announceDecision({
      tracker,
      publish: (a) => published.push(a),
      service: 'aggr_server',
      decision,
      budget,
      dockerState: { available },
      config,
    })
  return { ...manual, published, announce }
}
const spent = (until: number): BudgetState => ({ inWindow: [], left: 0, nextAllowedAt: until })
const fresh: BudgetState = { inWindow: [], left: 3, nextAllowedAt: undefined }

describe('announceDecision', () => {
  it('announces a suspension once per window, not per cycle, and its end once', () => {
    const { clock, advance, published, announce } = setup()
    const until = clock() + 1_800_000
    for (let i = 0; i < 10; i++) {
      announce({ action: 'suspend', reason: 'budget', until }, spent(until))
      advance(30_000)
    }
    // The trigger clears while the budget is still spent: still the same suspension.
    announce({ action: 'none' }, spent(until))
    expect(published.map((a) => [a.rule, a.state, a.severity])).toEqual([
      ['auto_restart_suspended', 'firing', 'critical'],
    ])
    expect(published[0]?.message).toMatch(
      /^auto-recovery suspended for aggr_server until 2026-01-01T00:30:00.000Z/,
    )
    announce({ action: 'none' }, fresh)
    expect(published.map((a) => a.state)).toEqual(['firing', 'resolved'])
  })

  it('announces a held-back restart once and its end once', () => {
    const { published, announce } = setup()
    const hold: Decision = {
      action: 'hold',
      reason: 'held back: influxdb is critical',
      heldBackBy: 'influxdb is critical',
    }
    announce(hold, fresh)
    announce(hold, fresh)
    announce({ action: 'restart', reason: 'gap' }, fresh)
    expect(published.map((a) => [a.rule, a.state, a.severity])).toEqual([
      ['auto_restart_refused', 'firing', 'warning'],
      ['auto_restart_refused', 'resolved', 'warning'],
    ])
    expect(published[0]?.message).toBe('auto-restart of aggr_server refused: held back: influxdb is critical')
  })

  it('announces a refusal for an unreachable Docker, but not for standing by behind another leader', () => {
    const { published, announce } = setup()
    announce({ action: 'refuse', reason: 'not the recovery leader: held by b' }, fresh, true)
    expect(published).toEqual([])
    announce({ action: 'refuse', reason: 'docker unavailable: no Docker socket at /x' }, fresh, false)
    expect(published.map((a) => a.message)).toEqual([
      'auto-restart of aggr_server refused: docker unavailable: no Docker socket at /x',
    ])
  })
})
