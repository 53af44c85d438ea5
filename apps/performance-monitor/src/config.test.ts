import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { loadConfig } from './config.js'

const dir = mkdtempSync(join(tmpdir(), 'perf-config-'))
const file = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

describe('loadConfig', () => {
  it('takes the documented defaults', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      port: 8081,
      dashboardIntervalSeconds: 30,
      memoryTracking: true,
      maxDataPoints: 10_000,
      collectionIntervalSeconds: 5,
      monitoredPids: [],
      ignoredVariables: [],
      metricsList: { ttlSeconds: 3600, length: 1000 },
      alertRules: [],
      alertRepeatIntervalSeconds: 3600,
      maxCustomAlertRules: 200,
      alertmanager: undefined,
      metricStaleSeconds: 300,
      memoryProfile: { intervalSeconds: 60, samplingIntervalBytes: 32_768 },
      ingest: { consumer: 'performance-monitor', batchCount: 100, blockMs: 2000 },
    })
  })

  it('reads lists and the alerts file', () => {
    const path = file(
      'alerts.json',
      JSON.stringify([
        {
          metric_name: 'fill_time_ms',
          threshold_value: 250,
          comparison: 'gte',
          duration_seconds: 10,
          severity: 'critical',
          message_template: 'fills take {value} ms',
        },
      ]),
    )
    const config = loadConfig({
      MONITORED_PIDS: '12, 34,12',
      METRIC_WINDOWS_SECONDS: '1,2,3,4,5,6,7,8',
      PERFORMANCE_ALERTS_FILE: path,
    })
    expect(config.monitoredPids).toEqual([12, 34])
    // A variable earlier versions read is reported, never a reason to stop.
    expect(config.ignoredVariables).toEqual(['METRIC_WINDOWS_SECONDS'])
    expect(config.alertRules).toEqual([
      expect.objectContaining({ name: 'fill_time_ms_gte', match: 'exact', enabled: true }),
    ])
  })

  it('reads Alertmanager delivery and the custom rule limit', () => {
    const config = loadConfig({
      ALERTMANAGER_URL: 'http://am:9093/',
      STACK_NAME: 'prod',
      MAX_CUSTOM_ALERT_RULES: '5',
    })
    expect(config.maxCustomAlertRules).toBe(5)
    expect(config.alertmanager).toMatchObject({ urls: ['http://am:9093'], stack: 'prod', resendSeconds: 60 })
  })

  it.each([
    [{ ALERTMANAGER_URL: 'am:9093' }, /ALERTMANAGER_URL="am:9093": expected comma-separated http/],
    [{ MAX_CUSTOM_ALERT_RULES: '-1' }, /MAX_CUSTOM_ALERT_RULES="-1"/],
    [{ COLLECTION_INTERVAL_SECONDS: 'often' }, /COLLECTION_INTERVAL_SECONDS="often": expected a number/],
    [{ MONITORED_PIDS: '12,abc' }, /MONITORED_PIDS/],
    [{ PERFORMANCE_ALERTS_FILE: '/nonexistent/alerts.json' }, /PERFORMANCE_ALERTS_FILE.*ENOENT/],
    [{ PERFORMANCE_ALERTS_FILE: file('obj.json', '{}') }, /not a JSON array/],
    [
      { PERFORMANCE_ALERTS_FILE: file('bad.json', '[{"metric_name":"x"}]') },
      /entry 0: performance alert threshold_value/,
    ],
  ])('stops start-up with one line naming the variable: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })
})
