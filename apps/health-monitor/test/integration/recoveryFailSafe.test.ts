import { type InfluxServer, type RedisServer, waitFor } from '@squeezeflow/test-harness'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  cycle,
  observe,
  type RecoveryServers,
  startedAt,
  startLabelledContainer,
  startRecoveryServers,
  statusOf,
  subscribeAlerts,
  writeTrades,
} from './recoveryFixtures.js'

const MIN = 60_000

describe('auto-recovery fails safe', () => {
  let servers: RecoveryServers
  let influx: InfluxServer
  let redis: RedisServer

  beforeAll(async () => {
    servers = await startRecoveryServers({ RESTART_VERIFY_GRACE_SECONDS: '2', RESTART_WINDOW_SECONDS: '600' })
    ;({ influx, redis } = servers)
  })

  afterAll(async () => {
    await servers?.stop()
  })

  it('no Docker socket: recovery keeps running and reports itself unavailable with the reason', async () => {
    await writeTrades(influx, 'trades_nosocket', Date.now() - 15 * MIN)
    const socketPath = `${servers.daemon.dir}/no-such-docker.sock`
    const { recovery, keys } = await servers.start('nosocket', {}, { socketPath })
    const subscriber = await subscribeAlerts(redis, keys)
    await cycle(recovery, await observe(influx, 'trades_nosocket'))
    await cycle(recovery, await observe(influx, 'trades_nosocket'))

    const reason = `no Docker socket at ${socketPath}`
    expect(statusOf(recovery)).toMatchObject({
      enabled: true,
      available: false,
      reason,
      restarts_in_window: [],
      last_decision: { action: 'refuse', reason: `docker unavailable: ${reason}` },
      container: null,
    })
    expect(recovery.summary()).toMatchObject({ enabled: true, available: false, reason })
    await waitFor(() => subscriber.alerts.length > 0, { description: 'refusal alert' })
    expect(subscriber.alerts.map((a) => a.message)).toEqual([
      `auto-restart of aggr_server refused: docker unavailable: ${reason}`,
    ])
    await subscriber.close()
  })

  it('no container for the service: refuses with the reason instead of spending the budget on errors', async () => {
    await writeTrades(influx, 'trades_nocontainer', Date.now() - 15 * MIN)
    const { recovery } = await servers.start('nocontainer')
    await cycle(recovery, await observe(influx, 'trades_nocontainer'))
    expect(statusOf(recovery)).toMatchObject({
      available: true,
      restarts_in_window: [],
      budget_left: 3,
      last_decision: {
        action: 'refuse',
        reason:
          'no container found for aggr_server (com.docker.compose.service=aggr-server, project nocontainer)',
      },
    })
  })

  it('Redis down: no restart without the lease; local memory keeps the budget and is written back to an empty Redis', async () => {
    const container = await startLabelledContainer(servers.docker, 'redisdown', 'aggr-server')
    await writeTrades(influx, 'trades_redisdown', Date.now() - 15 * MIN)
    const { recovery, redis: connection, keys } = await servers.start('redisdown')
    await cycle(recovery, await observe(influx, 'trades_redisdown'))
    expect(statusOf(recovery).restarts_in_window.map((r) => r.outcome)).toEqual(['not_verified'])
    const afterFirst = await startedAt(container)

    await redis.kill()
    await waitFor(() => !connection.isReady(), { description: 'redis connection lost' })
    await cycle(recovery, await observe(influx, 'trades_redisdown'))
    await cycle(recovery, await observe(influx, 'trades_redisdown'))
    expect(await startedAt(container)).toBe(afterFirst)
    const down = statusOf(recovery)
    expect(down).toMatchObject({ leader: false, history_source: 'local', budget_left: 2 })
    expect(down.last_decision).toMatchObject({
      action: 'refuse',
      reason: expect.stringMatching(/^not the recovery leader: redis unavailable/),
    })

    // Redis comes back without its data (no persistence): the restart this process made still counts.
    await redis.restart()
    await waitFor(() => connection.isReady(), { timeoutMs: 20_000, description: 'redis connection restored' })
    await writeTrades(influx, 'trades_redisdown', Date.now(), 3)
    await cycle(recovery, await observe(influx, 'trades_redisdown'))
    expect(statusOf(recovery)).toMatchObject({
      history_source: 'redis',
      budget_left: 2,
      last_decision: { action: 'none' },
    })
    const client = createClient({ url: redis.url })
    await client.connect()
    const members = await client.zRange(keys.restartHistory('aggr_server'), 0, -1)
    await client.close()
    expect(members.map((m) => JSON.parse(m).outcome)).toEqual(['not_verified'])
  })
})
