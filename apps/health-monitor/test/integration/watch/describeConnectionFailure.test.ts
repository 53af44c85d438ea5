import { createServer, type Server, type Socket } from 'node:net'
import { getFreePort } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeConnectionFailure } from '../../../src/watch/describeConnectionFailure.js'

/** What a real fetch, as the aggr-server probe makes it, throws for `url`. */
async function fetchError(url: string, timeoutMs: number): Promise<unknown> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })
    await response.body?.cancel()
  } catch (error) {
    return error
  }
  throw new Error(`${url} answered`)
}

describe('HTTP probe failures from real fetch errors', () => {
  let silent: Server
  let silentPort: number
  const sockets: Socket[] = []

  beforeAll(async () => {
    // Accepts connections and never answers: a hung aggr-server.
    silent = createServer((socket) => void sockets.push(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    silentPort = (silent.address() as { port: number }).port
  })

  afterAll(() => {
    for (const socket of sockets) socket.destroy()
    silent?.close()
  })

  it('connection refused, with host and port', async () => {
    const port = await getFreePort()
    const url = `http://127.0.0.1:${port}/`
    expect(describeConnectionFailure(await fetchError(url, 5000), url)).toEqual({
      kind: 'connection_refused',
      host: '127.0.0.1',
      port,
      message: `127.0.0.1:${port}: connection refused (nothing listens on port ${port})`,
    })
  })

  it('the name did not resolve', async () => {
    // .invalid never resolves (RFC 6761); without a resolver the lookup fails with EAI_AGAIN, same kind.
    const url = 'http://aggr-server.invalid:3000/'
    expect(describeConnectionFailure(await fetchError(url, 10_000), url)).toEqual({
      kind: 'name_not_resolved',
      host: 'aggr-server.invalid',
      port: 3000,
      message: 'aggr-server.invalid:3000: the name aggr-server.invalid did not resolve',
    })
  })

  it('the request timed out ("The operation was aborted due to timeout")', async () => {
    const url = `http://127.0.0.1:${silentPort}/`
    const error = await fetchError(url, 300)
    expect((error as Error).message).toBe('The operation was aborted due to timeout')
    expect(describeConnectionFailure(error, url, 300)).toEqual({
      kind: 'timed_out',
      host: '127.0.0.1',
      port: silentPort,
      message: `127.0.0.1:${silentPort}: the request timed out after 300 ms`,
    })
  })
})
