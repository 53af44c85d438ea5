import { createServer, type Server, type Socket } from 'node:net'
import { getFreePort } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpProbe } from '../../src/adapters/createHttpProbe.js'

describe('aggr-server HTTP probe failures name host, port and cause (real sockets)', () => {
  let silent: Server
  const sockets: Socket[] = []

  beforeAll(async () => {
    // Accepts connections and never answers: a hung aggr-server.
    silent = createServer((socket) => void sockets.push(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  })

  afterAll(() => {
    for (const socket of sockets) socket.destroy()
    silent?.close()
  })

  it('connection refused', async () => {
    const port = await getFreePort()
    const result = await createHttpProbe(`http://127.0.0.1:${port}/`, 5000)()
    expect(result).toMatchObject({
      ok: false,
      status_code: null,
      failure: 'connection_refused',
      error: `127.0.0.1:${port}: connection refused (nothing listens on port ${port})`,
    })
  })

  it('timed out, naming the deadline', async () => {
    const { port } = silent.address() as { port: number }
    const result = await createHttpProbe(`http://127.0.0.1:${port}/`, 300)()
    expect(result.error).toBe(`127.0.0.1:${port}: the request timed out after 300 ms`)
  })

  it('a name that does not resolve', async () => {
    const result = await createHttpProbe('http://aggr-server.invalid:3000/', 5000)()
    expect(result).toMatchObject({
      failure: 'name_not_resolved',
      error: 'aggr-server.invalid:3000: the name aggr-server.invalid did not resolve',
    })
  })
})
