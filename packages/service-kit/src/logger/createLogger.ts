import type { LogLevel } from '@squeezeflow/core'
import winston from 'winston'

/** The winston (npm) level each LOG_LEVEL maps to. */
const WINSTON_LEVEL: Record<LogLevel, 'debug' | 'info' | 'warn' | 'error'> = {
  DEBUG: 'debug',
  INFO: 'info',
  WARNING: 'warn',
  ERROR: 'error',
  CRITICAL: 'error',
}

export type Logger = winston.Logger

export interface LoggerOptions {
  /** The service name stamped on every line. */
  service: string
  /** A LOG_LEVEL name; default INFO. */
  level?: LogLevel
  /** JSON lines (default when stdout is not a TTY) or a readable line per entry. */
  json?: boolean
  /** Where lines go; default stdout. Tests pass their own stream. */
  stream?: NodeJS.WritableStream
}

/**
 * One structured logger per process; modules take `logger.child({ module: 'checks/redis' })`.
 * Errors passed as `{ err }` are serialized with their stack.
 */
export function createLogger({ service, level = 'INFO', json, stream }: LoggerOptions): Logger {
  const asJson = json ?? !process.stdout.isTTY
  const format = asJson
    ? winston.format.combine(
        winston.format.timestamp(),
        winston.format.errors({ stack: true }),
        winston.format.json(),
      )
    : winston.format.combine(
        winston.format.colorize(),
        winston.format.timestamp({ format: 'HH:mm:ss.SSS' }),
        winston.format.errors({ stack: true }),
        winston.format.printf(({ timestamp, level: lvl, message, service: svc, module, ...rest }) => {
          const context = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : ''
          return `${timestamp} ${lvl} [${String(svc)}${module ? `/${String(module)}` : ''}] ${String(message)}${context}`
        }),
      )
  const transport = stream
    ? new winston.transports.Stream({ stream })
    : new winston.transports.Console({ stderrLevels: [] })
  return winston.createLogger({
    level: WINSTON_LEVEL[level],
    defaultMeta: { service },
    format: winston.format.combine(serializeErrors(), format),
    transports: [transport],
  })
}

/** winston drops non-enumerable Error fields; turn `{ err }` into a plain object so reasons are never lost. */
const serializeErrors = winston.format((info) => {
  const err = info.err
  if (err instanceof Error) {
    info.err = {
      name: err.name,
      message: err.message,
      stack: err.stack,
      code: (err as { code?: unknown }).code,
    }
  }
  return info
})
