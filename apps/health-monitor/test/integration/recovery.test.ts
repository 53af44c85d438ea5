import { type InfluxServer, type RedisServer, waitFor } from '@squeezeflow/test-harness'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkResult, resultsOf } from '../fixtures/checkResults.js'
import {
  cycle,
  keepWriting,
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

describe('auto-recovery against real dockerd, redis-server and influxd', () => {
  let servers: RecoveryServers
  let influx: InfluxServer
  let redis: RedisServer
  let docker: Docker
  let decoy: Docker.Container
  let decoyStartedAt: string
  const start = (name: string, env: Record<string, string> = {}, instanceId?: string) =>
    servers.start(name, env, { instanceId })

  beforeAll(async () => {
    servers = await startRecoveryServers({ RESTART_VERIFY_GRACE_SECONDS: '3', RESTART_WINDOW_SECONDS: '600' })
    ;({ influx, redis, docker } = servers)
    // Not on the allowlist, and in every project the tests use: it must never be touched.
    decoy = await startLabelledContainer(docker, 'any', 'redis')
    decoyStartedAt = await startedAt(decoy)
  })

  afterAll(async () => {
    await servers?.stop()
  })

  it('data stops: restarts aggr-server once, verifies it when data resumes, publishes both alerts', async () => {
    const container = await startLabelledContainer(docker, 'stops', 'aggr-server')
    const before = await startedAt(container)
    await writeTrades(influx, 'trades_stops', Date.now() - 15 * MIN)
    const { recovery, keys } = await start('stops', { RESTART_VERIFY_GRACE_SECONDS: '60' })
    const subscriber = await subscribeAlerts(redis, keys)

    const stale = await observe(influx, 'trades_stops')
    expect(stale.get('aggr_server')?.status).toBe('critical')
    recovery.afterCycle(stale)
    await waitFor(() => statusOf(recovery).restarts_in_window.length === 1, {
      description: 'restart recorded',
    })
    // The loop goes on while the restart is verified: more critical cycles never double the restart.
    for (let i = 0; i < 3; i++) recovery.afterCycle(await observe(influx, 'trades_stops'))
    await waitFor(
      async () => (await container.inspect()).State.Running && (await startedAt(container)) !== before,
    )
    await waitFor(() => statusOf(recovery).last_decision?.action === 'wait', {
      description: 'a cycle that waits',
    })

    const writer = keepWriting(influx, 'trades_stops')
    await recovery.idle()
    writer.stop()
    await cycle(recovery, await observe(influx, 'trades_stops'))

    const status = statusOf(recovery)
    expect(status.restarts_in_window).toEqual([
      {
        at: expect.any(String),
        outcome: 'verified',
        reason: expect.stringMatching(/^no data written to InfluxDB for 15\.\d min/),
      },
    ])
    expect(status).toMatchObject({
      budget_left: 2,
      last_decision: { action: 'none' },
      history_source: 'redis',
      leader: true,
    })
    expect(status.container?.started_at).toBe(await startedAt(container))
    await waitFor(() => subscriber.alerts.length >= 2, { description: 'two alerts' })
    expect(subscriber.alerts.map((a) => [a.rule, a.state, a.severity])).toEqual([
      ['auto_restart', 'firing', 'warning'],
      ['auto_restart', 'resolved', 'info'],
    ])
    expect(subscriber.alerts[1]?.message).toBe(
      'restart of aggr_server verified: container running and data flowing again',
    )
    await subscriber.close()
  })

  it('data never resumes: exactly 3 restarts, one suspended alert, and a new monitor does not restart either', async () => {
    const container = await startLabelledContainer(docker, 'never', 'aggr-server')
    await writeTrades(influx, 'trades_never', Date.now() - 15 * MIN)
    const first = await start('never', {}, 'first')
    const subscriber = await subscribeAlerts(redis, first.keys)
    const starts = new Set([await startedAt(container)])

    for (let i = 0; i < 6; i++) {
      await cycle(first.recovery, await observe(influx, 'trades_never'))
      starts.add(await startedAt(container))
    }
    expect(starts.size).toBe(4) // the original start and three restarts
    const status = statusOf(first.recovery)
    expect(status.restarts_in_window.map((r) => r.outcome)).toEqual([
      'not_verified',
      'not_verified',
      'not_verified',
    ])
    expect(status).toMatchObject({ budget_left: 0, last_decision: { action: 'suspend' } })
    expect(Date.parse(status.next_allowed_at ?? '')).toBe(
      Date.parse(status.restarts_in_window[0]?.at ?? '') + 600_000,
    )

    await waitFor(() => subscriber.alerts.some((a) => a.rule === 'auto_restart_suspended'), {
      description: 'suspended alert',
    })
    const byRule = (rule: string) => subscriber.alerts.filter((a) => a.rule === rule)
    expect(byRule('auto_restart').map((a) => `${a.state}/${a.severity}`)).toEqual([
      ...Array(3).fill(['firing/warning', 'firing/critical']).flat(),
    ])
    expect(byRule('auto_restart')[1]?.message).toMatch(
      /^restart did not help: aggr_server, no new data since the restart/,
    )
    expect(byRule('auto_restart_suspended')).toHaveLength(1)
    expect(byRule('auto_restart_suspended')[0]?.message).toMatch(
      /^auto-recovery suspended for aggr_server until /,
    )

    // A restarted monitor: same Redis, new instance id, empty memory.
    await first.close()
    const second = await start('never', {}, 'second')
    await cycle(second.recovery, await observe(influx, 'trades_never'))
    await cycle(second.recovery, await observe(influx, 'trades_never'))
    expect(await startedAt(container)).toBe([...starts].at(-1))
    expect(statusOf(second.recovery)).toMatchObject({
      budget_left: 0,
      leader: true,
      last_decision: { action: 'suspend' },
    })
    expect(statusOf(second.recovery).restarts_in_window).toHaveLength(3)
    await subscriber.close()
  })

  it('InfluxDB stopped: no restart of aggr-server, and the status says why', async () => {
    const container = await startLabelledContainer(docker, 'influxdown', 'aggr-server')
    const before = await startedAt(container)
    await writeTrades(influx, 'trades_influxdown', Date.now() - 15 * MIN)
    const { recovery, keys } = await start('influxdown')
    const subscriber = await subscribeAlerts(redis, keys)
    const stale = await observe(influx, 'trades_influxdown')
    await influx.kill()
    try {
      const down = await observe(influx, 'trades_influxdown')
      expect(down.get('influxdb')?.status).toBe('critical')
      await cycle(recovery, down)
      // Also when the last aggr_server result still shows the gap as critical.
      const staleAggr = stale.get('aggr_server') ?? checkResult('aggr_server', 'critical')
      expect(staleAggr.status).toBe('critical')
      await cycle(recovery, new Map([...down, ['aggr_server', staleAggr]]))
      await cycle(recovery, down)
    } finally {
      await influx.restart()
    }
    expect(statusOf(recovery)).toMatchObject({
      held_back_by: 'influxdb is critical',
      last_decision: { action: 'hold', reason: 'held back: influxdb is critical' },
      restarts_in_window: [],
      budget_left: 3,
    })
    expect(await startedAt(container)).toBe(before)
    await waitFor(() => subscriber.alerts.length > 0, { description: 'refusal alert' })
    expect(subscriber.alerts.map((a) => [a.rule, a.state, a.message])).toEqual([
      [
        'auto_restart_refused',
        'firing',
        'auto-restart of aggr_server refused: held back: influxdb is critical',
      ],
    ])
    await subscriber.close()
  })

  it('two monitors against one Redis, one incident: exactly one restart', async () => {
    const container = await startLabelledContainer(docker, 'pair', 'aggr-server')
    const before = await startedAt(container)
    await writeTrades(influx, 'trades_pair', Date.now() - 15 * MIN)
    const [a, b] = await Promise.all([start('pair', {}, 'a'), start('pair', {}, 'b')])
    const results = await observe(influx, 'trades_pair')
    a.recovery.afterCycle(results)
    b.recovery.afterCycle(results)
    const restarted = () => [a, b].some((i) => statusOf(i.recovery).restarts_in_window.length > 0)
    await waitFor(restarted, { description: 'one of them restarts' })
    // The same incident in the next cycles, while the restart is being verified.
    for (let i = 0; i < 2; i++) {
      const again = await observe(influx, 'trades_pair')
      a.recovery.afterCycle(again)
      b.recovery.afterCycle(again)
    }
    const writer = keepWriting(influx, 'trades_pair')
    await Promise.all([a.recovery.idle(), b.recovery.idle()])
    writer.stop()
    const healthy = await observe(influx, 'trades_pair')
    await Promise.all([cycle(a.recovery, healthy), cycle(b.recovery, healthy)])
    const [sa, sb] = [statusOf(a.recovery), statusOf(b.recovery)]
    expect([sa.leader, sb.leader].filter(Boolean)).toHaveLength(1)
    expect(sa.restarts_in_window).toEqual(sb.restarts_in_window)
    expect(sa.restarts_in_window.map((r) => r.outcome)).toEqual(['verified'])
    expect((await container.inspect()).State.Running).toBe(true)
    expect(await startedAt(container)).not.toBe(before)
  })

  it('a check taken while the restart was verified, handled after it settled, does not restart again', async () => {
    const container = await startLabelledContainer(docker, 'straddle', 'aggr-server')
    await writeTrades(influx, 'trades_straddle', Date.now() - 15 * MIN)
    const { recovery } = await start('straddle', { RESTART_VERIFY_GRACE_SECONDS: '60' })
    recovery.afterCycle(await observe(influx, 'trades_straddle'))
    await waitFor(() => statusOf(recovery).restarts_in_window.length === 1, {
      description: 'restart recorded',
    })
    // Checks that ran before data resumed, reaching recovery only after the restart was verified (queued
    // behind a slow cycle, or a cycle straddling the end of verification): what the pair test once hit.
    const during = await observe(influx, 'trades_straddle')
    expect(during.get('aggr_server')?.status).toBe('critical')
    const writer = keepWriting(influx, 'trades_straddle')
    try {
      await recovery.idle()
      const restartedAt = await startedAt(container)
      await cycle(recovery, during)
      expect(statusOf(recovery).last_decision).toMatchObject({
        action: 'wait',
        reason: expect.stringMatching(/^waiting for a check newer than the restart settled at /),
      })
      expect(statusOf(recovery).restarts_in_window.map((r) => r.outcome)).toEqual(['verified'])
      expect(await startedAt(container)).toBe(restartedAt)
    } finally {
      writer.stop()
    }
  })

  it('strategy runner silent for the configured time: held back while Redis is down, then restarted and verified', async () => {
    const container = await startLabelledContainer(docker, 'runner', 'strategy-runner')
    const before = await startedAt(container)
    const { recovery } = await start('runner', {
      AUTO_RESTART_SERVICES: 'strategy_runner',
      STRATEGY_RUNNER_RESTART_AFTER_SECONDS: '1',
    })
    const stalled = checkResult(
      'strategy_runner',
      'degraded',
      { generating_signals: false },
      'not generating signals: counter unchanged for 400 s (> 300 s)',
    )
    const healthy = (name: string) => checkResult(name, 'healthy')

    await cycle(recovery, resultsOf(stalled, checkResult('redis', 'critical'), healthy('influxdb')))
    expect(statusOf(recovery, 'strategy_runner')).toMatchObject({ held_back_by: 'redis is critical' })

    const silent = resultsOf(stalled, healthy('redis'), healthy('influxdb'))
    await cycle(recovery, silent)
    expect(statusOf(recovery, 'strategy_runner').last_decision).toMatchObject({
      action: 'wait',
      reason: expect.stringMatching(/restart after 1 s/),
    })
    await waitFor(
      async () => {
        await cycle(recovery, silent)
        return statusOf(recovery, 'strategy_runner').restarts_in_window.length > 0
      },
      { intervalMs: 300, description: 'strategy runner restarted' },
    )
    expect(statusOf(recovery, 'strategy_runner').restarts_in_window.map((r) => r.outcome)).toEqual([
      'verified',
    ])
    expect(await startedAt(container)).not.toBe(before)
    expect(recovery.statusFor('aggr_server')).toMatchObject({ enabled: false })
  })

  it('never touches a container that is not on the allowlist', async () => {
    const container = await startLabelledContainer(docker, 'allow', 'aggr-server')
    const before = await startedAt(container)
    await writeTrades(influx, 'trades_allow', Date.now() - 15 * MIN)
    const { recovery } = await start('allow', { AUTO_RESTART_SERVICES: 'strategy_runner' })
    await cycle(recovery, await observe(influx, 'trades_allow'))
    await cycle(recovery, await observe(influx, 'trades_allow'))
    expect(await startedAt(container)).toBe(before)
    expect(statusOf(recovery)).toMatchObject({ enabled: false, reason: expect.stringMatching(/allowlist/) })
    // The compose service `redis` was in every project's reach all along.
    expect(await startedAt(decoy)).toBe(decoyStartedAt)
  })
})
