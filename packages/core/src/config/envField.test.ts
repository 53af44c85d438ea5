import { describe, expect, it } from 'vitest'
import { ConfigError } from './ConfigError.js'
import { COMMON_ENV, redisSettingsFrom } from './commonEnv.js'
import { boolField, listField, numberField, optionalField, parseEnv, urlField } from './envField.js'

describe('parseEnv with the documented variables', () => {
  it('takes the documented defaults when nothing is set', () => {
    expect(parseEnv({}, COMMON_ENV)).toMatchObject({
      REDIS_HOST: 'redis',
      REDIS_PORT: 6379,
      LOG_LEVEL: 'INFO',
      HEALTH_CHECK_INTERVAL: 30,
      HEALTH_MONITOR_PORT: 8080,
      ENABLE_MEMORY_TRACKING: true,
      DASHBOARD_UPDATE_INTERVAL: 30,
      MAX_METRICS_DATA_POINTS: 10_000,
    })
  })

  it('reads set values and treats empty ones as unset', () => {
    const env = { REDIS_PORT: '6380', LOG_LEVEL: 'debug', ENABLE_MEMORY_TRACKING: 'false', REDIS_HOST: '' }
    expect(parseEnv(env, COMMON_ENV)).toMatchObject({
      REDIS_PORT: 6380,
      LOG_LEVEL: 'DEBUG',
      ENABLE_MEMORY_TRACKING: false,
      REDIS_HOST: 'redis',
    })
  })

  it.each([
    [
      'HEALTH_CHECK_INTERVAL',
      'abc',
      'invalid HEALTH_CHECK_INTERVAL="abc": expected an integer from 1 to 86400',
    ],
    ['REDIS_PORT', '70000', 'invalid REDIS_PORT="70000": expected an integer from 1 to 65535'],
    ['LOG_LEVEL', 'LOUD', 'invalid LOG_LEVEL="LOUD": expected one of DEBUG, INFO, WARNING, ERROR, CRITICAL'],
    ['ENABLE_MEMORY_TRACKING', 'maybe', 'invalid ENABLE_MEMORY_TRACKING="maybe": expected true or false'],
  ])('stops on %s=%s with one line naming it', (name, value, message) => {
    const attempt = () => parseEnv({ [name]: value }, COMMON_ENV)
    expect(attempt).toThrow(ConfigError)
    expect(attempt).toThrow(message)
  })
})

describe('redisSettingsFrom', () => {
  it('carries a password only when one is set', () => {
    expect(redisSettingsFrom(parseEnv({}, COMMON_ENV))).toEqual({
      host: 'redis',
      port: 6379,
      db: 0,
      prefix: 'squeezeflow',
    })
    expect(redisSettingsFrom(parseEnv({ REDIS_PASSWORD: 'pass word' }, COMMON_ENV)).password).toBe(
      'pass word',
    )
  })
})

describe('env fields', () => {
  it('parses numbers within bounds', () => {
    const field = numberField(1, { min: 0, max: 10 })
    expect(field.parse('2.5')).toBe(2.5)
    expect(field.parse('11')).toBeUndefined()
    expect(field.parse('1e3')).toBeUndefined()
  })

  it('parses booleans in their common spellings', () => {
    const field = boolField(false)
    expect(['true', 'YES', '1', 'on'].map(field.parse)).toEqual([true, true, true, true])
    expect(['false', 'no', '0', 'off'].map(field.parse)).toEqual([false, false, false, false])
  })

  it('parses lists and rejects bad items', () => {
    const field = listField(['a'])
    expect(field.parse('aggr_server, strategy_runner')).toEqual(['aggr_server', 'strategy_runner'])
    expect(field.parse('ok,not ok')).toBeUndefined()
  })

  it('accepts only http(s) URLs by default', () => {
    const field = urlField('http://x')
    expect(field.parse('http://aggr-server:3000/')).toBe('http://aggr-server:3000/')
    expect(field.parse('ftp://x')).toBeUndefined()
    expect(field.parse('not a url')).toBeUndefined()
  })

  it('leaves optional values undefined when unset', () => {
    expect(parseEnv({}, { X: optionalField(numberField(0)) }).X).toBeUndefined()
  })
})
