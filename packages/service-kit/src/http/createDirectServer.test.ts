import type { RequestListener, Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { cachedRoute, createDirectServer, type DirectRoute, jsonRoute } from './createDirectServer.js'

const servers: Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))))
})

/** The app the direct routes stand in front of: it names itself, so a test can tell who answered. */
const app: RequestListener = (req, res) => {
  res.writeHead(req.headers['if-none-match'] ? 304 : 200, { 'Content-Type': 'text/plain' })
  res.end(req.headers['if-none-match'] ? undefined : `app ${req.method} ${req.url}`)
}

async function serve(routes: Record<string, DirectRoute>): Promise<string> {
  const server = createDirectServer(app, routes)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const cached = cachedRoute(async () => ({ body: 'm 1\n', contentType: 'text/plain', etag: '"e1"' }))

describe('createDirectServer', () => {
  it('answers a direct path itself, with type and length', async () => {
    const base = await serve({
      '/health': jsonRoute(() => ({ statusCode: 503, body: '{"status":"unhealthy"}' })),
    })
    const res = await fetch(`${base}/health`)
    expect(res.status).toBe(503)
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(res.headers.get('content-length')).toBe('22')
    expect(await res.json()).toEqual({ status: 'unhealthy' })
  })

  it('hands the app other paths, query strings, other methods and a route that declines or fails', async () => {
    const base = await serve({
      '/health': jsonRoute(() => ({ statusCode: 200, body: '{}' })),
      '/declines': () => undefined,
      '/throws': () => {
        throw new Error('render failed')
      },
      '/rejects': async () => {
        throw new Error('render failed')
      },
    })
    const text = async (path: string, init?: RequestInit) => (await fetch(`${base}${path}`, init)).text()
    expect(await text('/other')).toBe('app GET /other')
    expect(await text('/health?verbose=1')).toBe('app GET /health?verbose=1')
    expect(await text('/health', { method: 'POST' })).toBe('app POST /health')
    expect(await text('/declines')).toBe('app GET /declines')
    expect(await text('/throws')).toBe('app GET /throws')
    expect(await text('/rejects')).toBe('app GET /rejects')
    expect(await text('/__proto__')).toBe('app GET /__proto__')
  })

  it('serves a cached body with its ETag, and leaves a conditional request to the app', async () => {
    const base = await serve({ '/metrics': cached })
    const res = await fetch(`${base}/metrics`)
    expect(res.headers.get('etag')).toBe('"e1"')
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(await res.text()).toBe('m 1\n')
    const conditional = await fetch(`${base}/metrics`, { headers: { 'If-None-Match': '"e1"' } })
    expect(conditional.status).toBe(304)
  })
})
