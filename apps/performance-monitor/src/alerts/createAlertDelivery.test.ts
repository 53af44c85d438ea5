import { Writable } from 'node:stream'
import type { AlertmanagerSettings } from '@squeezeflow/alerting'
import { createManualClock, createRedisKeys } from '@squeezeflow/core'
import { createLogger } from '@squeezeflow/service-kit/logger'
import { describe, expect, it } from 'vitest'
import { createAlertDelivery } from './createAlertDelivery.js'

const logger = createLogger({
  service: 'test',
  json: true,
  stream: new Writable({ write: (_c, _e, done) => done() }),
})
const settings = (resendSeconds: number): AlertmanagerSettings => ({
  urls: ['http://am:9093'],
  resendSeconds,
  resolvedResendSeconds: 900,
  timeoutSeconds: 10,
  stack: 'test',
})
const delivery = (alertmanager?: AlertmanagerSettings) =>
  createAlertDelivery({
    keys: createRedisKeys('t'),
    clock: createManualClock().clock,
    logger,
    repeatSeconds: 3600,
    collectionIntervalSeconds: 5,
    alertmanager,
    bufferSize: 10,
  })

describe('createAlertDelivery', () => {
  it('ticks every 5 s, or every half resend interval of Alertmanager when that is shorter', () => {
    expect(delivery().tickIntervalMs).toBe(5000)
    expect(delivery(settings(60)).tickIntervalMs).toBe(5000)
    expect(delivery(settings(1)).tickIntervalMs).toBe(500)
  })

  it('announces nothing and reports no status before it is opened', async () => {
    const handle = delivery(settings(60))
    handle.announce([])
    handle.markActive(['performance-monitor/cpu_high/performance-monitor'])
    await handle.tick()
    await handle.close()
    expect([handle.status(), handle.sent()]).toEqual([undefined, { success: 0, error: 0 }])
  })
})
