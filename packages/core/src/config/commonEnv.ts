import { logLevelField } from '../logLevel.js'
import { boolField, type EnvValues, intField, optionalField, stringField } from './envField.js'

const PORT = { min: 1, max: 65535 }

/** The variables both services read, with the documented defaults (README, "Environment"). */
export const COMMON_ENV = {
  REDIS_HOST: stringField('redis'),
  REDIS_PORT: intField(6379, PORT),
  REDIS_DB: intField(0, { min: 0, max: 15 }),
  REDIS_PREFIX: stringField('squeezeflow', /^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . or -'),
  /** Unset: Redis without AUTH. Never logged. */
  REDIS_PASSWORD: optionalField(stringField('', /^[\s\S]+$/, 'a non-empty password')),
  LOG_LEVEL: logLevelField('INFO'),
  HEALTH_CHECK_INTERVAL: intField(30, { min: 1, max: 86_400 }),
  HEALTH_MONITOR_PORT: intField(8080, PORT),
  PERFORMANCE_MONITOR_PORT: intField(8081, PORT),
  ENABLE_MEMORY_TRACKING: boolField(true),
  DASHBOARD_UPDATE_INTERVAL: intField(30, { min: 1, max: 86_400 }),
  MAX_METRICS_DATA_POINTS: intField(10_000, { min: 10, max: 10_000_000 }),
} as const

export const INFLUX_ENV = {
  INFLUX_HOST: stringField('aggr-influx'),
  INFLUX_PORT: intField(8086, PORT),
  INFLUX_DATABASE: stringField('significant_trades'),
} as const

/** Where a service finds Redis, and under which prefix its keys live. */
export interface RedisSettings {
  host: string
  port: number
  db: number
  prefix: string
  /** AUTH password; undefined for a Redis without one. */
  password?: string
}

export function redisSettingsFrom(
  e: Pick<
    EnvValues<typeof COMMON_ENV>,
    'REDIS_HOST' | 'REDIS_PORT' | 'REDIS_DB' | 'REDIS_PREFIX' | 'REDIS_PASSWORD'
  >,
): RedisSettings {
  return {
    host: e.REDIS_HOST,
    port: e.REDIS_PORT,
    db: e.REDIS_DB,
    prefix: e.REDIS_PREFIX,
    ...(e.REDIS_PASSWORD === undefined ? {} : { password: e.REDIS_PASSWORD }),
  }
}
