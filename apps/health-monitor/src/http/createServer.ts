import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { Express } from 'express'

export type HealthBody = () => { statusCode: number; body: string }

/**
 * The HTTP server around the Express app. `GET /health`, which load balancers and scripts poll all the
 * time, is answered straight from the body rendered once per cycle, without Express's routing on top
 * (that alone halves its throughput); everything else, `/health?…` and `HEAD /health` included, goes to
 * the app, whose own `/health` route serves the same body.
 */
export function createServer(app: Express, healthBody: HealthBody): Server {
  return createHttpServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && req.url === '/health') {
      const { statusCode, body } = healthBody()
      res.writeHead(statusCode, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
      })
      res.end(body)
      return
    }
    app(req, res)
  })
}
