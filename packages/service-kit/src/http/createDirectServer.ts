import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { CachedResponse } from './createRenderCache.js'

/** A complete answer, written as it is with its length. */
export interface DirectAnswer {
  statusCode: number
  contentType: string
  body: string | Buffer
  headers?: Readonly<Record<string, string>>
}

/**
 * The answer for one path, or `undefined` (or a rejection) to hand the request to the app: the app has a route
 * for the same path that gives the same answer and also handles what the direct path leaves to it.
 */
export type DirectRoute = (
  req: IncomingMessage,
) => DirectAnswer | undefined | Promise<DirectAnswer | undefined>

const JSON_TYPE = 'application/json; charset=utf-8'

/** A JSON text and its status code, rendered ahead (once per cycle) or cheap enough to render per request. */
export type RenderedJson = () => { statusCode: number; body: string }

/** A route answering with `render`'s JSON, the same text the app's route for the path sends. */
export function jsonRoute(render: RenderedJson): DirectRoute {
  return () => {
    const { statusCode, body } = render()
    return { statusCode, contentType: JSON_TYPE, body }
  }
}

/**
 * A body from a render cache (`createRenderCache`). A conditional request goes to the app's route, which
 * answers 304 (`sendCached`), and so does a failed render, which the app answers as a JSON error.
 */
export function cachedRoute(load: () => Promise<CachedResponse>): DirectRoute {
  return async (req) => {
    if (req.headers['if-none-match'] !== undefined) return undefined
    const { body, contentType, etag } = await load()
    return { statusCode: 200, contentType, body, headers: { ETag: etag, 'Cache-Control': 'no-cache' } }
  }
}

function send(res: ServerResponse, answer: DirectAnswer): void {
  res.writeHead(answer.statusCode, {
    ...answer.headers,
    'Content-Type': answer.contentType,
    'Content-Length': Buffer.byteLength(answer.body),
  })
  res.end(answer.body)
}

/**
 * The HTTP server around an Express app. What is polled all the time (`GET /health` by load balancers and
 * scripts, `/metrics` by Prometheus) is answered by `routes` without Express's routing on top, which alone
 * costs several times the answer (README "Benchmarks"). Everything else, including these paths with a query
 * string or as HEAD, goes to the app.
 */
export function createDirectServer(
  app: RequestListener,
  routes: Readonly<Record<string, DirectRoute>>,
): Server {
  const direct = new Map(Object.entries(routes))
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const route = req.method === 'GET' && req.url !== undefined ? direct.get(req.url) : undefined
    if (route === undefined) return app(req, res)
    let answer: ReturnType<DirectRoute>
    try {
      answer = route(req)
    } catch {
      return app(req, res)
    }
    if (answer === undefined) return app(req, res)
    if (!(answer instanceof Promise)) return send(res, answer)
    answer.then(
      (settled) => (settled === undefined ? app(req, res) : send(res, settled)),
      () => app(req, res),
    )
  })
}
