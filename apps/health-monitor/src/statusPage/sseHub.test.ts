import { describe, expect, it } from 'vitest'
import { createSseHub, type SseClient } from './sseHub.js'

function fakeClient(): SseClient & { chunks: string[]; ended: boolean; backlog: number } {
  return {
    chunks: [],
    ended: false,
    backlog: 0,
    write(chunk: string) {
      this.chunks.push(chunk)
      return true
    },
    end() {
      this.ended = true
    },
    get writableLength() {
      return this.backlog
    },
  }
}

describe('createSseHub', () => {
  it('serialises each event once and writes the same frame to every client', () => {
    const hub = createSseHub({ maxClients: 100 })
    const clients = Array.from({ length: 50 }, fakeClient)
    for (const client of clients) hub.add(client)
    let serialisations = 0
    const report = { toJSON: () => ({ cycle: 7, serialisation: ++serialisations }) }
    const frame = hub.publish('cycle', report)
    expect(serialisations).toBe(1)
    expect(frame).toBe('id: 1\nevent: cycle\ndata: {"cycle":7,"serialisation":1}\n\n')
    for (const client of clients) expect(client.chunks).toEqual(['retry: 5000\n\n', frame])
    expect(hub.stats()).toEqual({ clients: 50, max_clients: 100, frames_serialised: 1 })
  })

  it('refuses a client over the limit and takes one again once another has left', () => {
    const hub = createSseHub({ maxClients: 2 })
    const remove = hub.add(fakeClient())
    expect(hub.add(fakeClient())).toBeTypeOf('function')
    const refused = fakeClient()
    expect(hub.add(refused)).toBeUndefined()
    expect(refused.chunks).toEqual([])
    remove?.()
    expect(hub.add(refused)).toBeTypeOf('function')
    expect(hub.size()).toBe(2)
  })

  it('replays the latest frame of the named events to a client that connects later', () => {
    const hub = createSseHub({ maxClients: 5, retryMs: 1000 })
    hub.publish('cycle', { cycle: 1 })
    const second = hub.publish('cycle', { cycle: 2 })
    hub.publish('alert', { rule: 'data_gap' })
    const late = fakeClient()
    hub.add(late, ['cycle'])
    expect(late.chunks).toEqual(['retry: 1000\n\n', second])
  })

  it('builds an offered event only when a client receives it, once, with the id it had when offered', () => {
    const hub = createSseHub({ maxClients: 5, retryMs: 1000 })
    let builds = 0
    const build = (cycle: number) => () => {
      builds += 1
      return { cycle }
    }
    hub.offer('cycle', build(1))
    hub.offer('cycle', build(2))
    hub.publish('alert', { rule: 'data_gap' })
    expect(builds).toBe(0)
    const first = fakeClient()
    const second = fakeClient()
    hub.add(first, ['cycle'])
    hub.add(second, ['cycle'])
    expect(builds).toBe(1)
    const replayed = 'id: 2\nevent: cycle\ndata: {"cycle":2}\n\n'
    expect(first.chunks).toEqual(['retry: 1000\n\n', replayed])
    expect(second.chunks).toEqual(['retry: 1000\n\n', replayed])
    hub.offer('cycle', build(3))
    expect(builds).toBe(2)
    expect(first.chunks.at(-1)).toBe('id: 4\nevent: cycle\ndata: {"cycle":3}\n\n')
  })

  it('sends heartbeats as comment lines and drops a client that stopped reading', () => {
    const hub = createSseHub({ maxClients: 5, maxBufferedBytes: 100 })
    const reading = fakeClient()
    const stuck = fakeClient()
    hub.add(reading)
    hub.add(stuck)
    stuck.backlog = 101
    hub.heartbeat()
    expect(reading.chunks.at(-1)).toBe(': keep-alive\n\n')
    expect(stuck.ended).toBe(true)
    expect(hub.size()).toBe(1)
    hub.closeAll()
    expect(reading.ended).toBe(true)
    expect(hub.size()).toBe(0)
  })
})
