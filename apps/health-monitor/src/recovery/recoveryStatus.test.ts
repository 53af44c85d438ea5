import { Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { loadRecoveryConfig } from './loadRecoveryConfig.js'
import { registerRecoveryMetrics, serviceRecoveryStatus } from './recoveryStatus.js'

const config = loadRecoveryConfig({})
const at = Date.parse('2026-01-01T00:00:00Z')

describe('serviceRecoveryStatus', () => {
  it('shows restarts, budget and what holds a restart back', () => {
    const restart = { at, outcome: 'not_verified' as const, reason: 'gap', instance: 'a' }
    const status = serviceRecoveryStatus(
      {
        decision: {
          action: 'hold',
          reason: 'held back: influxdb is critical',
          heldBackBy: 'influxdb is critical',
        },
        history: [restart],
        container: undefined,
        fromRedis: true,
        at,
      },
      { config, docker: { available: true }, leader: true, allowlisted: true, now: at + 1000 },
    )
    expect(status).toMatchObject({
      enabled: true,
      available: true,
      restarts_in_window: [{ at: '2026-01-01T00:00:00.000Z', outcome: 'not_verified', reason: 'gap' }],
      budget_left: 2,
      next_allowed_at: null,
      held_back_by: 'influxdb is critical',
      history_source: 'redis',
    })
    expect(status).not.toHaveProperty('reason')
  })

  it('says why recovery cannot act before the first cycle', () => {
    const docker = { available: false, reason: 'permission denied on /var/run/docker.sock' }
    expect(
      serviceRecoveryStatus(undefined, { config, docker, leader: false, allowlisted: true, now: at }),
    ).toMatchObject({
      enabled: true,
      available: false,
      reason: 'permission denied on /var/run/docker.sock',
      budget_left: 3,
      restarts_in_window: [],
      container: null,
    })
    expect(
      serviceRecoveryStatus(undefined, { config, docker, leader: false, allowlisted: false, now: at }),
    ).toMatchObject({
      enabled: false,
      reason: 'not on the auto-restart allowlist (AUTO_RESTART_SERVICES)',
    })
  })
})

describe('registerRecoveryMetrics', () => {
  it('counts restarts by service and final outcome, every series from 0', async () => {
    const registry = new Registry()
    const metrics = registerRecoveryMetrics(registry)
    metrics.restartFinished('aggr_server', 'not_verified')
    const text = await registry.metrics()
    expect(text).toContain('# TYPE squeezeflow_recovery_restarts_total counter')
    expect(text).toContain(
      'squeezeflow_recovery_restarts_total{service="aggr_server",outcome="not_verified"} 1',
    )
    expect(text).toContain(
      'squeezeflow_recovery_restarts_total{service="strategy_runner",outcome="verified"} 0',
    )
  })

  it('refuses to register twice on one registry', () => {
    const registry = new Registry()
    registerRecoveryMetrics(registry)
    expect(() => registerRecoveryMetrics(registry)).toThrow(/already been registered/)
  })
})
