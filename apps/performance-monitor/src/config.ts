import { ALERTMANAGER_ENV, type AlertmanagerSettings, alertmanagerSettingsFrom } from '@squeezeflow/alerting'
import {
  COMMON_ENV,
  intField,
  type LogLevel,
  listField,
  numberField,
  optionalField,
  parseEnv,
  type RedisSettings,
  redisSettingsFrom,
  stringField,
} from '@squeezeflow/core'
import { loadAlertRulesFile } from './alerts/loadAlertRulesFile.js'
import type { PerformanceAlertRule } from './alerts/types.js'

const NAME = /^[A-Za-z0-9_.-]+$/

/**
 * Variables earlier versions read that no longer change anything; set, they are reported at start-up and
 * otherwise ignored, so a deployment that still sets them keeps starting. `METRIC_WINDOWS_SECONDS` chose the
 * windows kept up to date on every point: every window is now computed when read (README "Aggregation").
 */
export const IGNORED_ENV = ['METRIC_WINDOWS_SECONDS'] as const

/** performance-monitor's variables; the README lists each with its default. */
export const PERFORMANCE_MONITOR_ENV = {
  ...COMMON_ENV,
  ...ALERTMANAGER_ENV,
  COLLECTION_INTERVAL_SECONDS: numberField(5, { min: 0.05, max: 3600 }),
  MONITORED_PIDS: listField([], /^[1-9]\d{0,9}$/),
  DISK_PATH: stringField('/'),
  MAX_METRIC_SERIES: intField(1000, { min: 1, max: 100_000 }),
  METRICS_TTL_SECONDS: intField(3600, { min: 1, max: 604_800 }),
  METRICS_LIST_LENGTH: intField(1000, { min: 1, max: 1_000_000 }),
  PERFORMANCE_ALERTS_FILE: optionalField(stringField('')),
  ALERT_REPEAT_INTERVAL: numberField(3600, { min: 1, max: 604_800 }),
  MAX_CUSTOM_ALERT_RULES: intField(200, { min: 0, max: 10_000 }),
  METRIC_STALE_SECONDS: numberField(300, { min: 1, max: 86_400 }),
  MEMORY_PROFILE_INTERVAL_SECONDS: numberField(60, { min: 0.05, max: 86_400 }),
  MEMORY_PROFILE_SAMPLING_BYTES: intField(32_768, { min: 1024, max: 1_073_741_824 }),
  INGEST_CONSUMER: stringField('performance-monitor', NAME, 'letters, digits, _ . or -'),
  INGEST_BATCH_COUNT: intField(100, { min: 1, max: 10_000 }),
  INGEST_BLOCK_MS: intField(2000, { min: 10, max: 60_000 }),
  INGEST_BACKLOG_MAX_MB: intField(64, { min: 1, max: 65_536 }),
} as const

/** Everything performance-monitor reads from its environment, resolved and checked once at start-up. */
export interface PerformanceMonitorConfig {
  /** HTTP port. Default 8081. */
  port: number
  logLevel: LogLevel
  redis: RedisSettings
  /** Seconds between dashboard writes. Default 30. */
  dashboardIntervalSeconds: number
  /** Heap statistics as metrics and the sampling heap profiler. Default true. */
  memoryTracking: boolean
  /** Points kept per metric. Default 10 000. */
  maxDataPoints: number
  /** Seconds between collection and alert cycles. Default 5. */
  collectionIntervalSeconds: number
  /** Other processes watched with pidusage besides this one. Default none. */
  monitoredPids: number[]
  /** Filesystem whose usage is `system_disk_percent`. Default `/`. */
  diskPath: string
  /** Variables of IGNORED_ENV that are set: start-up warns about each. */
  ignoredVariables: string[]
  /** Distinct metric names kept. Default 1000. */
  maxSeries: number
  /** `<prefix>:metrics:<name>` lists: TTL in seconds (default 3600) and length (default 1000). */
  metricsList: { ttlSeconds: number; length: number }
  /** Rules from PERFORMANCE_ALERTS_FILE, added to the documented default rules (a rule of the same name replaces one). */
  alertRules: PerformanceAlertRule[]
  /** A firing alert is re-announced at most this often, in seconds. Default 3600. */
  alertRepeatIntervalSeconds: number
  /** Rules taken from the `<prefix>:alert_rules` hash at most; the rest are refused. Default 200. */
  maxCustomAlertRules: number
  /** Delivery to Alertmanager (ALERTMANAGER_URL and friends); undefined when ALERTMANAGER_URL is unset. */
  alertmanager: AlertmanagerSettings | undefined
  /** A metric silent for this long stops feeding alert rules, so its alerts resolve. Default 300. */
  metricStaleSeconds: number
  /** Seconds between heap profile snapshots (default 60) and the profiler's mean sampling interval in bytes. */
  memoryProfile: { intervalSeconds: number; samplingIntervalBytes: number }
  /** Consumer-group reader of the SDK ingest stream. */
  ingest: { consumer: string; batchCount: number; blockMs: number; backlogMaxBytes: number }
}

/** Throws a ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined>): PerformanceMonitorConfig {
  const e = parseEnv(env, PERFORMANCE_MONITOR_ENV)
  return {
    port: e.PERFORMANCE_MONITOR_PORT,
    logLevel: e.LOG_LEVEL,
    redis: redisSettingsFrom(e),
    dashboardIntervalSeconds: e.DASHBOARD_UPDATE_INTERVAL,
    memoryTracking: e.ENABLE_MEMORY_TRACKING,
    maxDataPoints: e.MAX_METRICS_DATA_POINTS,
    collectionIntervalSeconds: e.COLLECTION_INTERVAL_SECONDS,
    monitoredPids: [...new Set(e.MONITORED_PIDS.map(Number))],
    diskPath: e.DISK_PATH,
    ignoredVariables: IGNORED_ENV.filter((name) => env[name] !== undefined),
    maxSeries: e.MAX_METRIC_SERIES,
    metricsList: { ttlSeconds: e.METRICS_TTL_SECONDS, length: e.METRICS_LIST_LENGTH },
    alertRules: e.PERFORMANCE_ALERTS_FILE ? loadAlertRulesFile(e.PERFORMANCE_ALERTS_FILE) : [],
    alertRepeatIntervalSeconds: e.ALERT_REPEAT_INTERVAL,
    maxCustomAlertRules: e.MAX_CUSTOM_ALERT_RULES,
    alertmanager: alertmanagerSettingsFrom(e),
    metricStaleSeconds: e.METRIC_STALE_SECONDS,
    memoryProfile: {
      intervalSeconds: e.MEMORY_PROFILE_INTERVAL_SECONDS,
      samplingIntervalBytes: e.MEMORY_PROFILE_SAMPLING_BYTES,
    },
    ingest: {
      consumer: e.INGEST_CONSUMER,
      batchCount: e.INGEST_BATCH_COUNT,
      blockMs: e.INGEST_BLOCK_MS,
      backlogMaxBytes: e.INGEST_BACKLOG_MAX_MB * 1024 * 1024,
    },
  }
}
