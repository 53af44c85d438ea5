import { createManualClock } from '@squeezeflow/core'
import { type RedisServer, startRedis, waitFor } from '@squeezeflow/test-harness'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createReplica, keys, listen, REPEAT_SECONDS, type Replica } from './redisFixture.js'

let server: RedisServer
let listener: Awaited<ReturnType<typeof listen>>
const replicas: Replica[] = []

const STALE_SECONDS = 90
const replica = async (clock: () => number, name: string) => {
  const r = createReplica(server, clock, name, { staleSeconds: STALE_SECONDS })
  replicas.push(r)
  await r.ready
  return r
}
const states = () => listener.messages.map((m) => `${m.state}${m.repeat ? ' (repeat)' : ''}`)
/** Publishes are delivered asynchronously: a marker published after them arrives after them. */
const settle = async () => {
  const marker = replicas[0]
  await marker?.redis.client.publish(keys.alertsChannel, JSON.stringify({ state: 'marker' }))
  await waitFor(() => listener.messages.at(-1)?.state === ('marker' as string), {
    description: 'marker message',
  })
  listener.messages.pop()
}

beforeAll(async () => {
  server = await startRedis()
})
afterAll(async () => {
  await server.stop()
})
afterEach(async () => {
  await Promise.all(replicas.splice(0).map((r) => r.close()))
  await listener?.close()
})

describe('alert state shared through Redis', () => {
  it('publishes each transition once with two replicas on one Redis', async () => {
    await server.restart()
    listener = await listen(server, keys.alertsChannel)
    const { clock, advance } = createManualClock()
    const [a, b] = [await replica(clock, 'a'), await replica(clock, 'b')]

    await Promise.all([a.observe(true), b.observe(true)])
    advance(REPEAT_SECONDS * 1000)
    await Promise.all([a.observe(true), b.observe(true)])
    advance(30_000)
    await Promise.all([a.observe(false), b.observe(false)])
    await settle()

    expect(states()).toEqual(['firing', 'firing (repeat)', 'resolved'])
    expect(listener.messages.every((m) => m.fired_at === listener.messages[0]?.fired_at)).toBe(true)
    const stats = [a, b].map((r) => r.alerting.status())
    expect(stats.reduce((n, s) => n + s.published, 0)).toBe(3)
    expect(stats.reduce((n, s) => n + s.duplicates, 0)).toBe(3)
  })

  it('does not announce again what fired before a replica was killed and recreated', async () => {
    await server.restart()
    listener = await listen(server, keys.alertsChannel)
    const { clock, advance } = createManualClock()
    const first = await replica(clock, 'first')
    await first.observe(true)
    // SIGKILL: the instance is dropped without close(), its lease and records stay in Redis.
    advance(15_000)
    const second = await replica(clock, 'second')
    await second.observe(true)
    advance(15_000)
    await second.observe(true)
    await settle()
    expect(states()).toEqual(['firing'])
    expect(await second.alerting.recent()).toMatchObject([{ state: 'firing', since: clock() - 30_000 }])

    await second.observe(false)
    await settle()
    expect(states()).toEqual(['firing', 'resolved'])
  })

  it('keeps an alert that a replica still sees, though nobody repeats it', async () => {
    await server.restart()
    listener = await listen(server, keys.alertsChannel)
    const { clock, advance } = createManualClock()
    const a = await replica(clock, 'a')
    for (let cycle = 0; cycle < 10; cycle++) {
      await a.observe(true)
      await a.alerting.tick()
      advance(30_000)
    }
    await settle()
    expect(states()).toEqual(['firing'])
  })

  it('resolves an alert no replica reports any more, once', async () => {
    await server.restart()
    listener = await listen(server, keys.alertsChannel)
    const { clock, advance } = createManualClock()
    const [a, b] = [await replica(clock, 'a'), await replica(clock, 'b')]
    const gone = await replica(clock, 'gone')
    await gone.observe(true)
    // Killed, and its condition cleared while it was down: nobody observes it cleared, nor repeats it.
    advance(STALE_SECONDS * 1000 - 1)
    await Promise.all([a.alerting.tick(), b.alerting.tick()])
    await settle()
    expect(states()).toEqual(['firing'])
    advance(60_001)
    await Promise.all([a.alerting.tick(), b.alerting.tick()])
    await settle()
    expect(states()).toEqual(['firing', 'resolved'])
    expect(listener.messages[1]?.message).toMatch(
      /^resolved: aggr_server condition holds \(no monitor has reported/,
    )
  })

  it('lets a replica restarted after a long outage mark what still holds before it sweeps', async () => {
    await server.restart()
    listener = await listen(server, keys.alertsChannel)
    const { clock, advance } = createManualClock()
    const before = await replica(clock, 'before')
    await before.observe(true)
    advance(10 * STALE_SECONDS * 1000)
    const after = await replica(clock, 'after')
    await after.alerting.tick()
    for (let cycle = 0; cycle < 6; cycle++) {
      await after.observe(true)
      await after.alerting.tick()
      advance(30_000)
    }
    await settle()
    expect(states()).toEqual(['firing'])
  })

  it('keeps transitions while Redis is down and publishes them, in order, when it is back', async () => {
    await server.restart()
    const { clock, advance } = createManualClock()
    const a = await replica(clock, 'a')
    await server.kill()
    await waitFor(() => !a.redis.isReady(), { description: 'connection lost' })
    await a.observe(true)
    advance(60_000)
    await a.observe(false)
    expect(a.alerting.status()).toMatchObject({ buffered: 2, published: 0 })

    await server.restart()
    listener = await listen(server, keys.alertsChannel)
    await waitFor(() => a.redis.isReady(), { description: 'connection back' })
    await a.alerting.tick()
    await settle()
    expect(states()).toEqual(['firing', 'resolved'])
    expect(a.alerting.status()).toMatchObject({ buffered: 0, published: 2 })
  })
})
