import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { CachedResponse } from '@squeezeflow/service-kit/http'
import type { Express } from 'express'

export type HealthBody = () => { statusCode: number; body: string }

/** The answers the server gives without the Express app. */
export interface DirectAnswers {
  health: HealthBody
  detailed: HealthBody
  metrics: () => Promise<CachedResponse>
}

const JSON_TYPE = 'application/json; charset=utf-8'

function send(res: ServerResponse, statusCode: number, contentType: string, body: string | Buffer): void {
  res.writeHead(statusCode, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) })
  res.end(body)
}

/**
 * The HTTP server around the Express app. What is polled all the time, `GET /health` (load balancers,
 * scripts), `/health/detailed` and `/metrics` (dashboards, Prometheus), is answered straight from bodies
 * built once per cycle, without Express's routing on top, which alone costs several times the answer (README
 * "Benchmarks"). Everything else, including these paths with a query string or as HEAD, goes to the app,
 * whose own routes serve the same bodies.
 */
export function createServer(app: Express, answers: DirectAnswers): Server {
  return createHttpServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET') return app(req, res)
    switch (req.url) {
      case '/health': {
        const { statusCode, body } = answers.health()
        return send(res, statusCode, JSON_TYPE, body)
      }
      case '/health/detailed': {
        const { statusCode, body } = answers.detailed()
        return send(res, statusCode, JSON_TYPE, body)
      }
      case '/metrics':
        // A conditional request or a failed collection takes the app's route, which answers 304 or JSON errors.
        if (req.headers['if-none-match'] !== undefined) return app(req, res)
        answers.metrics().then(
          (metrics) => {
            res.setHeader('ETag', metrics.etag)
            res.setHeader('Cache-Control', 'no-cache')
            send(res, 200, metrics.contentType, metrics.body)
          },
          () => app(req, res),
        )
        return
      default:
        return app(req, res)
    }
  })
}
