import { ConfigError, parseEnv } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { ALERTMANAGER_ENV, alertmanagerSettingsFrom } from './alertmanagerEnv.js'

describe('ALERTMANAGER_ENV', () => {
  it('means no delivery when ALERTMANAGER_URL is unset', () => {
    expect(alertmanagerSettingsFrom(parseEnv({}, ALERTMANAGER_ENV))).toBeUndefined()
  })

  it('reads a cluster of URLs and the defaults', () => {
    const env = {
      ALERTMANAGER_URL: 'http://am-1:9093/, http://am-2:9093',
      ALERT_RUNBOOK_URL: 'https://x/README.md#top',
    }
    expect(alertmanagerSettingsFrom(parseEnv(env, ALERTMANAGER_ENV))).toEqual({
      urls: ['http://am-1:9093', 'http://am-2:9093'],
      resendSeconds: 60,
      resolvedResendSeconds: 900,
      timeoutSeconds: 10,
      stack: 'squeezeflow',
      runbookUrl: 'https://x/README.md',
    })
  })

  it('stops start-up with one line naming a bad URL variable', () => {
    const parse = () => parseEnv({ ALERTMANAGER_URL: 'http://am-1:9093,am-2' }, ALERTMANAGER_ENV)
    expect(parse).toThrow(ConfigError)
    expect(parse).toThrow(/ALERTMANAGER_URL="http:\/\/am-1:9093,am-2": expected comma-separated http/)
  })
})
