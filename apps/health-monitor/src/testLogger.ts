import { Writable } from 'node:stream'
import { createLogger, type Logger } from '@squeezeflow/core/logger'

/** A real logger whose lines go nowhere, for unit tests. */
export function createSilentLogger(): Logger {
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() })
  return createLogger({ service: 'test', level: 'ERROR', json: true, stream: sink })
}
