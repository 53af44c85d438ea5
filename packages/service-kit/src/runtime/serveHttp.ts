import type { Server } from 'node:http'
import type { Logger } from '../logger/createLogger.js'
import type { Step } from './runSteps.js'

export interface ServeHttpOptions {
  port: number
  logger: Logger
  /** Called once the server listens, e.g. to log the service's start-up line. */
  onListening?: () => void
  /** Ends the process; tests pass their own. Default `process.exit`. */
  exit?: (code: number) => void
}

/**
 * Listens on `port`. A server error (the port taken, say) is logged and ends the process with code 1:
 * nothing else would answer the service's requests. Returns the shutdown step that closes the server.
 */
export function serveHttp(server: Server, options: ServeHttpOptions): Step {
  const { port, logger, onListening, exit = (code) => process.exit(code) } = options
  server.on('error', (err) => {
    logger.error('http server failed', { err, port })
    exit(1)
  })
  server.listen(port, onListening)
  return { name: 'http', run: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}
