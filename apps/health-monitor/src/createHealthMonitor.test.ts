import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { silentLogger } from '../test/fixtures/silentLogger.js'
import { loadConfig } from './config.js'
import { createHealthMonitor } from './createHealthMonitor.js'
import type { RecoveryHook } from './types.js'

describe('createHealthMonitor', () => {
  it('opens nothing and builds no recovery until start()', async () => {
    let recoveryBuilt = false
    const recovery = (): RecoveryHook => {
      recoveryBuilt = true
      return { afterCycle: () => undefined, statusFor: () => undefined, summary: () => ({}) }
    }
    const monitor = createHealthMonitor(loadConfig({}), { logger: silentLogger, recovery })
    const server = await new Promise<Server>((resolve) => {
      const s = monitor.createServer().listen(0, '127.0.0.1', () => resolve(s))
    })
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const status = (await (await fetch(`${base}/status`)).json()) as Record<string, unknown>
      expect(status).toMatchObject({
        redis: 'not started',
        cycles: 0,
        recovery: null,
        alert_delivery: null,
        custom_alert_rules: { active: [], rejected: [] },
      })
      expect(recoveryBuilt).toBe(false)
      const livez = await fetch(`${base}/livez`)
      expect(livez.status).toBe(200)
      expect(await livez.json()).toMatchObject({
        status: 'alive',
        tasks: [{ name: 'check_loop' }, { name: 'alert-delivery' }, { name: 'status-page-keepalive' }],
      })
    } finally {
      server.close()
      await monitor.stop()
    }
  })
})
