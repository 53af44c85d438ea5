import { createManualClock, createRedisKeys } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { silentLogger } from '../../test/fixtures/silentLogger.js'
import { loadConfig } from '../config.js'
import { restartStartedAlert } from '../recovery/recoveryAlerts.js'
import { createAlertDelivery } from './createAlertDelivery.js'

const setup = (env: Record<string, string> = {}) =>
  createAlertDelivery({
    config: loadConfig(env),
    keys: createRedisKeys('t'),
    clock: createManualClock().clock,
    logger: silentLogger,
    onPublished: () => undefined,
  })

describe('createAlertDelivery', () => {
  it('ticks every 5 s, or at half the Alertmanager resend interval when that is shorter', () => {
    expect(setup().task).toMatchObject({ name: 'alert-delivery', intervalMs: 5000 })
    const fast = setup({ ALERTMANAGER_URL: 'http://am:9093', ALERTMANAGER_RESEND_SECONDS: '2' })
    expect(fast.task.intervalMs).toBe(1000)
  })

  it('keeps what is announced before it opens, bounded like the buffer, and reports no status yet', () => {
    const delivery = setup({ ALERT_BUFFER_SIZE: '2' })
    for (const service of ['aggr_server', 'strategy_runner', 'redis']) {
      delivery.announceRecovery(restartStartedAlert(service, 'stuck', 0))
    }
    expect(delivery.buffered()).toBe(2)
    expect(delivery.status()).toBeNull()
  })
})
