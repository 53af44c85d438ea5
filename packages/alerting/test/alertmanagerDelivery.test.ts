import type { AddressInfo } from 'node:net'
import { createServer, type Server, type Socket } from 'node:net'
import {
  type HarnessServer,
  type RedisServer,
  startAlertmanager,
  startRedis,
  startWebhookReceiver,
  waitFor,
  webhookOnlyConfig,
} from '@squeezeflow/test-harness'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createDeliveringReplica } from './alertmanagerFixture.js'
import { keys, listen, type Replica } from './redisFixture.js'

let redis: RedisServer
let alertmanager: HarnessServer
let webhook: Awaited<ReturnType<typeof startWebhookReceiver>>
const replicas: Replica[] = []

const replica = async (name: string, urls = [alertmanager.url]) => {
  const r = createDeliveringReplica(redis, name, urls)
  replicas.push(r)
  await r.ready
  return r
}
/** The monitors' scheduler: every replica ticks until `done` holds. */
const tickUntil = <T>(done: () => T, description: string) =>
  waitFor(
    async () => {
      await Promise.all(replicas.map((r) => r.alerting.tick()))
      return done()
    },
    { description, timeoutMs: 30_000, intervalMs: 200 },
  )
const notificationsFor = (service: string, status: 'firing' | 'resolved') =>
  webhook.notifications.filter((n) => n.groupLabels.service === service && n.status === status)

beforeAll(async () => {
  webhook = await startWebhookReceiver()
  ;[redis, alertmanager] = await Promise.all([
    startRedis(),
    startAlertmanager({ config: webhookOnlyConfig(webhook.url) }),
  ])
})
afterAll(async () => {
  await Promise.all([redis.stop(), alertmanager.stop(), webhook.close()])
})
afterEach(async () => {
  await Promise.all(replicas.map((r) => r.alerting.settled()))
  await Promise.all(replicas.splice(0).map((r) => r.close()))
})

describe('delivery to a real Alertmanager', () => {
  it('notifies once when a condition fires on two replicas, and once when it clears', async () => {
    const listener = await listen(redis, keys.alertsChannel)
    const [a, b] = [await replica('a'), await replica('b')]
    await Promise.all([a.observe(true, 'strategy_runner'), b.observe(true, 'strategy_runner')])
    const firing = await tickUntil(
      () => notificationsFor('strategy_runner', 'firing')[0],
      'firing notification',
    )
    expect(firing?.alerts).toHaveLength(1)
    expect(firing?.alerts[0]).toMatchObject({
      status: 'firing',
      labels: {
        alertname: 'data_gap',
        service: 'strategy_runner',
        severity: 'critical',
        source: 'health-monitor',
        stack: 'test-stack',
      },
      annotations: {
        summary: 'strategy_runner condition holds',
        description: 'strategy_runner condition holds (value 912, threshold 600)',
      },
      generatorURL: 'http://monitor.test:8090/health/service/strategy_runner',
    })
    const senders = [a, b].filter((r) => r.alerting.status().alertmanager?.leaseHeld)
    expect(senders).toHaveLength(1)

    await Promise.all([a.observe(false, 'strategy_runner'), b.observe(false, 'strategy_runner')])
    await tickUntil(() => notificationsFor('strategy_runner', 'resolved').length > 0, 'resolved notification')
    expect(notificationsFor('strategy_runner', 'firing')).toHaveLength(1)
    expect(notificationsFor('strategy_runner', 'resolved')).toHaveLength(1)
    expect(listener.messages.map((m) => m.state)).toEqual(['firing', 'resolved'])
    await listener.close()
  })

  it('delivers a firing alert to an Alertmanager that was down when it fired', async () => {
    await alertmanager.kill()
    const a = await replica('a')
    await a.observe(true, 'performance_monitor')
    await tickUntil(() => (a.alerting.status().alertmanager?.urls[0]?.failures ?? 0) >= 2, 'failed sends')
    expect(a.alerting.status().alertmanager?.sent.error).toBeGreaterThanOrEqual(2)

    await alertmanager.restart()
    const firing = await tickUntil(
      () => notificationsFor('performance_monitor', 'firing')[0],
      'late notification',
    )
    expect(firing?.alerts[0]?.labels.service).toBe('performance_monitor')
    expect(a.alerting.status().alertmanager?.urls[0]).toMatchObject({ failures: 0 })
  })

  it('returns from tick while a send to a hanging Alertmanager is still in flight', async () => {
    const sockets: Socket[] = []
    const hanging: Server = createServer((socket) => sockets.push(socket))
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`
    const a = await replica('a', [url])
    await a.observe(true, 'influxdb')

    await a.alerting.tick()
    // tick has returned, yet the post it started has not been answered: it was not awaited.
    expect(a.alerting.status().alertmanager?.urls[0]).toMatchObject({ inFlight: true, failures: 0 })
    await a.alerting.tick()
    expect(a.alerting.status().alertmanager?.sent).toEqual({ success: 0, error: 0 })

    for (const socket of sockets) socket.destroy()
    await a.alerting.settled()
    expect(a.alerting.status().alertmanager?.urls[0]).toMatchObject({ inFlight: false, failures: 1 })
    await new Promise<void>((resolve) => hanging.close(() => resolve()))
  })
})
