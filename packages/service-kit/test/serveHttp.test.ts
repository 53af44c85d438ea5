import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { PassThrough } from 'node:stream'
import { Router } from 'express'
import { describe, expect, it } from 'vitest'
import { createHttpApp } from '../src/http/createHttpApp.js'
import { serveHttp } from '../src/http/serveHttp.js'
import { createLogger } from '../src/logger/createLogger.js'

const logger = createLogger({ service: 'test', level: 'ERROR', stream: new PassThrough() })

function app() {
  const routes = Router()
  routes.get('/ping', (_req, res) => {
    res.json({ pong: true })
  })
  return createServer(createHttpApp({ routes: [routes], logger }))
}

describe('serveHttp on loopback', () => {
  it('answers once it resolves, and its close step stops the server', async () => {
    const { server, closeStep } = await serveHttp(app(), { port: 0, host: '127.0.0.1', logger })
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    expect(await (await fetch(`${url}/ping`)).json()).toEqual({ pong: true })
    expect(closeStep.name).toBe('http')
    await closeStep.run()
    expect(server.listening).toBe(false)
  })

  it('reports a port that is taken to onError and rejects', async () => {
    const first = await serveHttp(app(), { port: 0, host: '127.0.0.1', logger })
    const { port } = first.server.address() as AddressInfo
    const errors: string[] = []
    const onError = (err: Error) => errors.push((err as NodeJS.ErrnoException).code ?? err.message)
    await expect(serveHttp(app(), { port, host: '127.0.0.1', logger, onError })).rejects.toThrow(/EADDRINUSE/)
    expect(errors).toEqual(['EADDRINUSE'])
    await first.closeStep.run()
  })
})
