import { COMMON_ENV, INFLUX_ENV, type LogLevel, parseEnv } from '@squeezeflow/core'

const SPEC = { ...COMMON_ENV, ...INFLUX_ENV } as const

/** Everything health-monitor reads from its environment, resolved and checked once at start-up. */
export interface HealthMonitorConfig {
  port: number
  logLevel: LogLevel
  redis: { host: string; port: number; db: number; prefix: string }
  influx: { host: string; port: number; database: string }
  /** Seconds between check cycles. */
  checkIntervalSeconds: number
}

/** Throws a ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined>): HealthMonitorConfig {
  const e = parseEnv(env, SPEC)
  return {
    port: e.HEALTH_MONITOR_PORT,
    logLevel: e.LOG_LEVEL,
    redis: { host: e.REDIS_HOST, port: e.REDIS_PORT, db: e.REDIS_DB, prefix: e.REDIS_PREFIX },
    influx: { host: e.INFLUX_HOST, port: e.INFLUX_PORT, database: e.INFLUX_DATABASE },
    checkIntervalSeconds: e.HEALTH_CHECK_INTERVAL,
  }
}
