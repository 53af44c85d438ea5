import { ConfigError } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { loadConfig } from './config.js'

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({})
    expect(config.influx).toEqual({
      host: 'aggr-influx',
      port: 8086,
      database: 'significant_trades',
      retentionPolicy: 'aggr_1s',
      measurement: 'trades_1s',
      field: 'vbuy',
    })
    expect(config.dataFlow).toEqual({
      windowMinutes: 5,
      gapUnhealthyMinutes: 5,
      gapCriticalMinutes: 10,
      lookbackHours: 24,
      minRecentPoints: 100,
    })
    expect(config.system).toMatchObject({ cpuPercent: 80, memoryPercent: 85, diskPercent: 90, diskPath: '/' })
    expect(config.alerts).toEqual({
      repeatIntervalSeconds: 3600,
      historySeconds: 86_400,
      bufferSize: 1000,
      maxCustomRules: 200,
    })
    expect(config.checkIntervalSeconds).toBe(30)
  })

  it('accepts fractional minutes and seconds, so windows can be short', () => {
    const config = loadConfig({
      DATA_GAP_UNHEALTHY_MINUTES: '0.05',
      DATA_GAP_CRITICAL_MINUTES: '0.1',
      SIGNAL_STALL_SECONDS: '1.5',
    })
    expect(config.dataFlow.gapUnhealthyMinutes).toBe(0.05)
    expect(config.signalStallSeconds).toBe(1.5)
  })

  it('delivers to Alertmanager only when ALERTMANAGER_URL is set', () => {
    const config = loadConfig({ ALERTMANAGER_URL: 'http://am-1:9093/,http://am-2:9093', STACK_NAME: 'prod' })
    expect(config.alerts.alertmanager).toMatchObject({
      urls: ['http://am-1:9093', 'http://am-2:9093'],
      resendSeconds: 60,
      stack: 'prod',
    })
    expect(() => loadConfig({ ALERTMANAGER_URL: 'not-a-url' })).toThrow(/ALERTMANAGER_URL/)
  })

  it('names the bad variable and what it accepts', () => {
    expect(() => loadConfig({ CPU_WARNING_PERCENT: '120' })).toThrow(
      new ConfigError('CPU_WARNING_PERCENT', 'a number from 0 to 100', '120'),
    )
    expect(() => loadConfig({ AGGR_SERVER_URL: 'ftp://x' })).toThrow(/AGGR_SERVER_URL/)
    expect(() => loadConfig({ DATA_GAP_UNHEALTHY_MINUTES: '10', DATA_GAP_CRITICAL_MINUTES: '5' })).toThrow(
      /DATA_GAP_CRITICAL_MINUTES.*>= DATA_GAP_UNHEALTHY_MINUTES/,
    )
  })
})
