import { ConfigError } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { loadWatchConfig } from './env.js'

describe('loadWatchConfig', () => {
  it('has the documented defaults', () => {
    expect(loadWatchConfig({})).toEqual({
      queueKeys: [],
      queueWarn: {},
      signalScanLimit: 1000,
      influxWriteErrorPercent: 1,
      composeServices: { redis: 'redis', influxdb: 'aggr-influx' },
    })
  })

  it('reads queue keys with colons and their thresholds', () => {
    const config = loadWatchConfig({
      QUEUE_KEYS: 'squeezeflow:signals:queue, squeezeflow:ingest:metrics',
      QUEUE_KEYS_WARN: 'squeezeflow:signals:queue=100,squeezeflow:ingest:metrics=5000',
      SIGNAL_SCAN_LIMIT: '200',
      INFLUX_WRITE_ERROR_PERCENT: '2.5',
    })
    expect(config).toEqual({
      queueKeys: ['squeezeflow:signals:queue', 'squeezeflow:ingest:metrics'],
      queueWarn: { 'squeezeflow:signals:queue': 100, 'squeezeflow:ingest:metrics': 5000 },
      signalScanLimit: 200,
      influxWriteErrorPercent: 2.5,
      composeServices: { redis: 'redis', influxdb: 'aggr-influx' },
    })
  })

  it.each([
    ['QUEUE_KEYS', 'a,b c', /^invalid QUEUE_KEYS="a,b c": expected a comma-separated list of names/],
    ['QUEUE_KEYS', 'squeezeflow:*', /^invalid QUEUE_KEYS="squeezeflow:\*"/],
    [
      'QUEUE_KEYS_WARN',
      'q=ten',
      /^invalid QUEUE_KEYS_WARN="q=ten": expected a comma-separated list of key=integer/,
    ],
    ['QUEUE_KEYS_WARN', 'q=-1', /^invalid QUEUE_KEYS_WARN="q=-1"/],
    ['QUEUE_KEYS_WARN', 'q', /^invalid QUEUE_KEYS_WARN="q"/],
    ['SIGNAL_SCAN_LIMIT', '5', /^invalid SIGNAL_SCAN_LIMIT="5": expected an integer from 10 to 1000000$/],
    ['SIGNAL_SCAN_LIMIT', 'many', /^invalid SIGNAL_SCAN_LIMIT="many"/],
    [
      'INFLUX_WRITE_ERROR_PERCENT',
      '101',
      /^invalid INFLUX_WRITE_ERROR_PERCENT="101": expected a number from 0 to 100$/,
    ],
    ['INFLUX_WRITE_ERROR_PERCENT', '1%', /^invalid INFLUX_WRITE_ERROR_PERCENT="1%"/],
    ['REDIS_COMPOSE_SERVICE', 'my redis', /^invalid REDIS_COMPOSE_SERVICE="my redis"/],
  ])('stops on %s=%s with one line naming it', (name, value, message) => {
    const attempt = () => loadWatchConfig({ [name]: value })
    expect(attempt).toThrow(ConfigError)
    expect(attempt).toThrow(message)
  })

  it('reads InfluxDB credentials, and refuses a password without a user without repeating it', () => {
    expect(
      loadWatchConfig({ INFLUX_USERNAME: 'monitor', INFLUX_PASSWORD: 's3cret pw' }).influxCredentials,
    ).toEqual({
      username: 'monitor',
      password: 's3cret pw',
    })
    expect(loadWatchConfig({}).influxCredentials).toBeUndefined()
    expect(() => loadWatchConfig({ INFLUX_PASSWORD: 's3cret' })).toThrow(
      'invalid INFLUX_PASSWORD="(set)": expected a password only together with INFLUX_USERNAME',
    )
  })

  it('refuses a threshold for a key that is not watched', () => {
    expect(() => loadWatchConfig({ QUEUE_KEYS: 'a', QUEUE_KEYS_WARN: 'a=1,b=2' })).toThrow(
      'invalid QUEUE_KEYS_WARN="a=1,b=2": expected thresholds only for keys listed in QUEUE_KEYS (b is not)',
    )
  })
})
