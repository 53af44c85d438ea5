import { createManualClock } from '@squeezeflow/core'
import { waitFor } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StatusPage } from '../../../src/statusPage/createStatusPage.js'
import { dataGapAlert, openEventStream, startStatusPageStack } from './statusPageFixtures.js'

describe('status page /events', () => {
  let stack: Awaited<ReturnType<typeof startStatusPageStack>>
  let monitor: typeof stack.monitor
  let page: StatusPage
  let served: typeof stack.served
  const manual = createManualClock(Date.parse('2026-03-01T12:00:00Z'))

  beforeAll(async () => {
    stack = await startStatusPageStack(manual.clock)
    ;({ monitor, page, served } = stack)
  })

  afterAll(async () => {
    await stack?.stop()
  })

  it('sends each cycle once to each of 100 concurrent clients, serialised once, and refuses the 101st', async () => {
    const clients = await Promise.all(Array.from({ length: 100 }, () => openEventStream(served.url)))
    expect(clients.every((c) => c.response.statusCode === 200)).toBe(true)
    expect(clients[0]?.response.headers['content-type']).toBe('text/event-stream; charset=utf-8')
    await waitFor(() => page.stats().clients === 100)
    const before = page.stats().frames_serialised

    for (const status of ['healthy', 'critical', 'degraded'] as const) {
      manual.advance(30_000)
      await monitor.cycle({ aggr_server: status })
    }
    await waitFor(() => clients.every((c) => c.frames.length >= 3), { timeoutMs: 20_000 })

    expect(page.stats().frames_serialised - before).toBe(3)
    for (const client of clients) {
      const cycles = client.frames.filter((f) => f.event === 'cycle').map((f) => JSON.parse(f.data))
      expect(cycles.map((c) => [c.cycle, c.services.aggr_server.status])).toEqual([
        [1, 'healthy'],
        [2, 'critical'],
        [3, 'degraded'],
      ])
      expect(cycles[1].html.services).toContain('data-status="critical"')
    }

    const refused = await openEventStream(served.url)
    expect(refused.response.statusCode).toBe(503)
    expect(refused.response.headers['retry-after']).toBe('30')
    refused.close()

    clients[0]?.close()
    await waitFor(() => page.stats().clients === 99)
    const replacement = await openEventStream(served.url)
    expect(replacement.response.statusCode).toBe(200)
    // A client arriving between cycles gets the latest one at once.
    await waitFor(() => replacement.frames.length === 1)
    expect(JSON.parse(replacement.frames[0]?.data ?? '{}').cycle).toBe(3)
    for (const client of [...clients, replacement]) client.close()
    await waitFor(() => page.stats().clients === 0)
  })

  it('sends alerts to the open streams as they are published', async () => {
    const client = await openEventStream(served.url)
    await waitFor(() => client.frames.length === 1)
    page.publishAlert(dataGapAlert('2026-03-01T12:00:00.000Z'))
    await waitFor(() => client.frames.length === 2)
    expect(client.frames[1]?.event).toBe('alert')
    expect(JSON.parse(client.frames[1]?.data ?? '{}').rule).toBe('data_gap')
    client.close()
  })
})
