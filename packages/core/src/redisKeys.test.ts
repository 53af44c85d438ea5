import { describe, expect, it } from 'vitest'
import { createRedisKeys } from './redisKeys.js'

describe('createRedisKeys', () => {
  it('names the documented keys under the default prefix', () => {
    const keys = createRedisKeys()
    expect(keys.alertsChannel).toBe('squeezeflow:alerts')
    expect(keys.performanceAlertsChannel).toBe('squeezeflow:performance_alerts')
    expect(keys.performanceDashboard).toBe('squeezeflow:dashboard:performance')
    expect(keys.metric('redis_publish_time_ms')).toBe('squeezeflow:metrics:redis_publish_time_ms')
    expect(keys.metricsPattern).toBe('squeezeflow:metrics:*')
    expect(keys.signalsPublished).toBe('squeezeflow:stats:signals_published')
    expect(keys.alertRules).toBe('squeezeflow:alert_rules')
  })

  it('moves every key under a custom prefix', () => {
    const keys = createRedisKeys('staging')
    expect(keys.restartHistory('aggr_server')).toBe('staging:recovery:restarts:aggr_server')
    expect(keys.recoveryLeaderLease).toBe('staging:recovery:leader')
    expect(keys.alertState('health-monitor/data_gap/aggr_server')).toBe(
      'staging:alerting:alert:health-monitor/data_gap/aggr_server',
    )
    expect(keys.alertIndex('health-monitor')).toBe('staging:alerting:index:health-monitor')
    expect(keys.alertmanagerSenderLease('health-monitor')).toBe('staging:alerting:sender:health-monitor')
  })

  it('refuses prefixes and names that would act as patterns', () => {
    expect(() => createRedisKeys('a b')).toThrow(/prefix/)
    expect(() => createRedisKeys().metric('cpu*')).toThrow(/metric name "cpu\*"/)
  })
})
