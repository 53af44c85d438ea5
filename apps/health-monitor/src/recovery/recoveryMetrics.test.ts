import { Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { registerRecoveryMetrics } from './recoveryMetrics.js'

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
