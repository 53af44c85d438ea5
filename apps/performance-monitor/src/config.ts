import { COMMON_ENV, type LogLevel, parseEnv } from '@squeezeflow/core'

/** Everything performance-monitor reads from its environment, resolved and checked once at start-up. */
export interface PerformanceMonitorConfig {
  port: number
  logLevel: LogLevel
  redis: { host: string; port: number; db: number; prefix: string }
  /** Seconds between dashboard refreshes. */
  dashboardIntervalSeconds: number
  memoryTracking: boolean
  maxDataPoints: number
}

/** Throws a ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined>): PerformanceMonitorConfig {
  const e = parseEnv(env, COMMON_ENV)
  return {
    port: e.PERFORMANCE_MONITOR_PORT,
    logLevel: e.LOG_LEVEL,
    redis: { host: e.REDIS_HOST, port: e.REDIS_PORT, db: e.REDIS_DB, prefix: e.REDIS_PREFIX },
    dashboardIntervalSeconds: e.DASHBOARD_UPDATE_INTERVAL,
    memoryTracking: e.ENABLE_MEMORY_TRACKING,
    maxDataPoints: e.MAX_METRICS_DATA_POINTS,
  }
}
