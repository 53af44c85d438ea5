import { once } from 'node:events'
import type { Server } from 'node:http'
import type { Logger } from '../logger/createLogger.js'
import type { Step } from '../runtime/runSteps.js'

export interface ServeHttpOptions {
  port: number
  /** Default: every interface. */
  host?: string
  logger: Logger
  /** What a server error (e.g. the port already in use) does after it is logged. Default: exit with code 1. */
  onError?: (err: Error) => void
}

export interface HttpServing {
  server: Server
  /** The shutdown step named `http`: stops accepting connections and waits for open ones to finish. */
  closeStep: Step
}

/**
 * Listens and resolves once the port is bound (rejects when it cannot be, after `onError`). A server error is
 * fatal by default: a service that cannot serve its port is of no use, and its supervisor restarts it.
 */
export async function serveHttp(server: Server, options: ServeHttpOptions): Promise<HttpServing> {
  const { port, host, logger } = options
  const onError =
    options.onError ??
    (() => {
      process.exit(1)
    })
  if (host === undefined) server.listen(port)
  else server.listen(port, host)
  server.on('error', (err) => {
    logger.error('http server failed', { err })
    onError(err)
  })
  if (!server.listening) await once(server, 'listening')
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()))
  return { server, closeStep: { name: 'http', run: close } }
}
