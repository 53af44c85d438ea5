import type { EnvField } from './config/envField.js'

/** Python logging's level names, which the rest of the trading stack uses; `LOG_LEVEL` takes these. */
export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/** Other spellings Python's logging also accepts (`logging.WARN`, `logging.FATAL`). */
const ALIASES: Record<string, LogLevel> = { WARN: 'WARNING', FATAL: 'CRITICAL' }

/** Parses a level name in any case, aliases included; undefined when it is none of them. */
export function parseLogLevel(raw: string): LogLevel | undefined {
  const upper = raw.trim().toUpperCase()
  return (LOG_LEVELS as readonly string[]).includes(upper) ? (upper as LogLevel) : ALIASES[upper]
}

export function logLevelField(defaultValue: LogLevel): EnvField<LogLevel> {
  return {
    accepts: `one of ${LOG_LEVELS.join(', ')} (any case; WARN and FATAL as aliases)`,
    defaultValue,
    parse: parseLogLevel,
  }
}
