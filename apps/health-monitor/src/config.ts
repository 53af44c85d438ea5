import { ALERTMANAGER_ENV, type AlertmanagerSettings, alertmanagerSettingsFrom } from '@squeezeflow/alerting'
import {
  COMMON_ENV,
  ConfigError,
  INFLUX_ENV,
  intField,
  type LogLevel,
  numberField,
  parseEnv,
  type RedisSettings,
  redisSettingsFrom,
  stringField,
  urlField,
} from '@squeezeflow/core'
import { STATUS_PAGE_ENV, type StatusPageConfig, statusPageConfigFrom } from './statusPage/env.js'
import { loadWatchConfig, WATCH_ENV, type WatchConfig } from './watch/env.js'

const PERCENT = { min: 0, max: 100 }
const NAME = /^[A-Za-z0-9_.-]+$/
const NAME_ACCEPTS = 'letters, digits, _ . or -'

/** health-monitor's own variables; the README lists each with its default. */
export const HEALTH_MONITOR_ENV = {
  ...COMMON_ENV,
  ...INFLUX_ENV,
  ...ALERTMANAGER_ENV,
  INFLUX_RETENTION_POLICY: stringField('aggr_1s', NAME, NAME_ACCEPTS),
  INFLUX_MEASUREMENT: stringField('trades_1s', NAME, NAME_ACCEPTS),
  INFLUX_FIELD: stringField('vbuy', NAME, NAME_ACCEPTS),
  AGGR_SERVER_URL: urlField('http://aggr-server:3000'),
  DATA_FLOW_WINDOW_MINUTES: numberField(5, { min: 0.01, max: 1440 }),
  DATA_GAP_UNHEALTHY_MINUTES: numberField(5, { min: 0.01, max: 10_080 }),
  DATA_GAP_CRITICAL_MINUTES: numberField(10, { min: 0.01, max: 10_080 }),
  DATA_GAP_LOOKBACK_HOURS: numberField(24, { min: 0.01, max: 8760 }),
  MIN_RECENT_POINTS: intField(100, { min: 0, max: 1_000_000_000 }),
  SIGNAL_STALL_SECONDS: numberField(300, { min: 0.1, max: 604_800 }),
  CHECK_TIMEOUT_SECONDS: numberField(10, { min: 0.05, max: 3600 }),
  SLOW_CHECK_MS: intField(5000, { min: 1, max: 3_600_000 }),
  REDIS_SLOW_MS: intField(1000, { min: 1, max: 3_600_000 }),
  REDIS_MEMORY_WARNING_MB: numberField(1024, { min: 1, max: 10_000_000 }),
  SYSTEM_DISK_PATH: stringField('/'),
  CPU_WARNING_PERCENT: numberField(80, PERCENT),
  MEMORY_WARNING_PERCENT: numberField(85, PERCENT),
  DISK_WARNING_PERCENT: numberField(90, PERCENT),
  SYSTEM_ALERT_DURATION_SECONDS: numberField(120, { min: 0, max: 86_400 }),
  ALERT_REPEAT_INTERVAL: numberField(3600, { min: 1, max: 604_800 }),
  ALERT_HISTORY_HOURS: numberField(24, { min: 0.01, max: 720 }),
  ALERT_BUFFER_SIZE: intField(1000, { min: 1, max: 1_000_000 }),
  MAX_CUSTOM_ALERT_RULES: intField(200, { min: 0, max: 10_000 }),
  ...STATUS_PAGE_ENV,
  ...WATCH_ENV,
} as const

/** Thresholds of the aggr-server data-flow rules (README "How it works"). */
export interface DataFlowConfig {
  /** The window `recent_data_count` covers, in minutes. Default 5. */
  windowMinutes: number
  /** A gap longer than this is `unhealthy`, in minutes. Default 5. */
  gapUnhealthyMinutes: number
  /** A gap longer than this is `critical`, in minutes. Default 10. */
  gapCriticalMinutes: number
  /** How far back the newest point is looked for, in hours; nothing within it counts as an endless gap. Default 24. */
  lookbackHours: number
  /** Fewer points than this in the window is `degraded`. Default 100. */
  minRecentPoints: number
}

export interface SystemThresholds {
  /** Percentages above which the system check is `degraded` and warns. Defaults 80, 85, 90. */
  cpuPercent: number
  memoryPercent: number
  diskPercent: number
  /** How long a system threshold must be exceeded before it alerts, in seconds. Default 120. */
  alertDurationSeconds: number
}

/** Everything health-monitor reads from its environment, resolved and checked once at start-up. */
export interface HealthMonitorConfig {
  port: number
  logLevel: LogLevel
  redis: RedisSettings
  influx: {
    host: string
    port: number
    database: string
    retentionPolicy: string
    measurement: string
    field: string
  }
  aggrServerUrl: string
  /** Seconds between check cycles. Default 30. */
  checkIntervalSeconds: number
  /** Per-check timeout in seconds; a check that takes longer is `unhealthy`. Default 10. */
  checkTimeoutSeconds: number
  /** A check slower than this (ms) is at best `degraded` and warns. Default 5000. */
  slowCheckMs: number
  dataFlow: DataFlowConfig
  /** The signal counter must advance within this many seconds. Default 300. */
  signalStallSeconds: number
  /** The dashboard is stale after 3 of these, in seconds. Default 30. */
  dashboardUpdateIntervalSeconds: number
  redisThresholds: { slowMs: number; memoryBytes: number }
  system: SystemThresholds & { diskPath: string }
  alerts: {
    repeatIntervalSeconds: number
    historySeconds: number
    bufferSize: number
    /** Rules applied from the `<prefix>:alert_rules` hash at most; the rest are rejected. Default 200. */
    maxCustomRules: number
    /** Delivery to Alertmanager; undefined when `ALERTMANAGER_URL` is unset. */
    alertmanager?: AlertmanagerSettings
  }
  /** `/`, `/events` and the badges (README "Status page"). */
  statusPage: StatusPageConfig
  /** Queue keys, signal scan and InfluxDB write thresholds of the watch figures (README "Watch figures"). */
  watch: WatchConfig
}

/** Throws a ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined>): HealthMonitorConfig {
  const e = parseEnv(env, HEALTH_MONITOR_ENV)
  const alertmanager = alertmanagerSettingsFrom(e)
  if (e.DATA_GAP_CRITICAL_MINUTES < e.DATA_GAP_UNHEALTHY_MINUTES) {
    const accepts = `a number >= DATA_GAP_UNHEALTHY_MINUTES (${e.DATA_GAP_UNHEALTHY_MINUTES})`
    throw new ConfigError('DATA_GAP_CRITICAL_MINUTES', accepts, String(e.DATA_GAP_CRITICAL_MINUTES))
  }
  return {
    port: e.HEALTH_MONITOR_PORT,
    logLevel: e.LOG_LEVEL,
    redis: redisSettingsFrom(e),
    statusPage: statusPageConfigFrom(e),
    influx: {
      host: e.INFLUX_HOST,
      port: e.INFLUX_PORT,
      database: e.INFLUX_DATABASE,
      retentionPolicy: e.INFLUX_RETENTION_POLICY,
      measurement: e.INFLUX_MEASUREMENT,
      field: e.INFLUX_FIELD,
    },
    aggrServerUrl: e.AGGR_SERVER_URL,
    checkIntervalSeconds: e.HEALTH_CHECK_INTERVAL,
    checkTimeoutSeconds: e.CHECK_TIMEOUT_SECONDS,
    slowCheckMs: e.SLOW_CHECK_MS,
    dataFlow: {
      windowMinutes: e.DATA_FLOW_WINDOW_MINUTES,
      gapUnhealthyMinutes: e.DATA_GAP_UNHEALTHY_MINUTES,
      gapCriticalMinutes: e.DATA_GAP_CRITICAL_MINUTES,
      lookbackHours: e.DATA_GAP_LOOKBACK_HOURS,
      minRecentPoints: e.MIN_RECENT_POINTS,
    },
    signalStallSeconds: e.SIGNAL_STALL_SECONDS,
    dashboardUpdateIntervalSeconds: e.DASHBOARD_UPDATE_INTERVAL,
    redisThresholds: { slowMs: e.REDIS_SLOW_MS, memoryBytes: e.REDIS_MEMORY_WARNING_MB * 1024 * 1024 },
    system: {
      diskPath: e.SYSTEM_DISK_PATH,
      cpuPercent: e.CPU_WARNING_PERCENT,
      memoryPercent: e.MEMORY_WARNING_PERCENT,
      diskPercent: e.DISK_WARNING_PERCENT,
      alertDurationSeconds: e.SYSTEM_ALERT_DURATION_SECONDS,
    },
    alerts: {
      repeatIntervalSeconds: e.ALERT_REPEAT_INTERVAL,
      historySeconds: e.ALERT_HISTORY_HOURS * 3600,
      bufferSize: e.ALERT_BUFFER_SIZE,
      maxCustomRules: e.MAX_CUSTOM_ALERT_RULES,
      ...(alertmanager ? { alertmanager } : {}),
    },
    watch: loadWatchConfig(env),
  }
}
