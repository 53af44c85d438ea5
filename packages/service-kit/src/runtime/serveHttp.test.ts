import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../logger/createLogger.js'
import type { Step } from './runSteps.js'
import { serveHttp } from './serveHttp.js'

const logger = createLogger({ service: 'test', level: 'CRITICAL', json: true, stream: new PassThrough() })
const answering = () => createServer((_req, res) => res.end('ok'))

describe('serveHttp', () => {
  it('listens, and its step closes the server', async () => {
    const server = answering()
    let step: Step | undefined
    await new Promise<void>((resolve) => {
      step = serveHttp(server, { port: 0, logger, onListening: resolve })
    })
    const { port } = server.address() as AddressInfo
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok')
    await step?.run()
    expect(server.listening).toBe(false)
  })

  it('ends the process with 1 when the port is taken', async () => {
    const first = answering()
    await new Promise<void>((resolve) => first.listen(0, resolve))
    const { port } = first.address() as AddressInfo
    const codes: number[] = []
    const exited = new Promise<void>((resolve) => {
      serveHttp(answering(), {
        port,
        logger,
        exit: (code) => {
          codes.push(code)
          resolve()
        },
      })
    })
    await exited
    expect(codes).toEqual([1])
    await new Promise((resolve) => first.close(resolve))
  })
})
