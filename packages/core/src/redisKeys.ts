export const DEFAULT_REDIS_PREFIX = 'squeezeflow'

const PREFIX_PATTERN = /^[A-Za-z0-9_.-]+$/
const NAME_PATTERN = /^[A-Za-z0-9_.:-]+$/
/** Alert fingerprints are `<source>/<rule>/<service>`, so `/` is allowed there as well. */
const FINGERPRINT_PATTERN = /^[A-Za-z0-9_.:/-]+$/

export type RedisKeys = ReturnType<typeof createRedisKeys>

function checkName(kind: string, name: string, pattern = NAME_PATTERN): string {
  if (!pattern.test(name)) {
    throw new TypeError(`${kind} "${name}" must match ${pattern} (no spaces or glob characters)`)
  }
  return name
}

/**
 * Every Redis key and channel the monitoring stack reads or writes, under one prefix.
 * The README's "Redis keys" table documents each of them.
 */
export function createRedisKeys(prefix: string = DEFAULT_REDIS_PREFIX) {
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new TypeError(`Redis prefix "${prefix}" must match ${PREFIX_PATTERN}`)
  }
  return {
    prefix,
    /** pub/sub: health alerts (JSON), published by health-monitor. */
    alertsChannel: `${prefix}:alerts`,
    /** pub/sub: performance alerts (JSON), published by performance-monitor. */
    performanceAlertsChannel: `${prefix}:performance_alerts`,
    /** string (JSON), TTL 1 h: the performance dashboard. */
    performanceDashboard: `${prefix}:dashboard:performance`,
    /** list of JSON points, newest first, at most 1000, TTL 1 h. */
    metric: (metricName: string) => `${prefix}:metrics:${checkName('metric name', metricName)}`,
    metricsPattern: `${prefix}:metrics:*`,
    /** counter incremented by the strategy runner for each signal it publishes. */
    signalsPublished: `${prefix}:stats:signals_published`,
    /** sorted set (score = time in ms): alerts of the last 24 h, JSON members. */
    alertHistory: `${prefix}:alerts:history`,
    /** stream: metric points shipped by the SDK, consumed by performance-monitor. */
    metricsIngestStream: `${prefix}:ingest:metrics`,
    /** sorted set (score = time in ms): restarts of one service, JSON members. */
    restartHistory: (service: string) => `${prefix}:recovery:restarts:${checkName('service', service)}`,
    /** hash: alert rules added at run time by services, field = rule name, value = JSON (docs/contracts). */
    alertRules: `${prefix}:alert_rules`,
    /** string with TTL: the id of the health-monitor instance allowed to restart containers. */
    recoveryLeaderLease: `${prefix}:recovery:leader`,
    /** hash: the shared state of one alert (state, since, last_notified, ...), written by @squeezeflow/alerting. */
    alertState: (fingerprint: string) =>
      `${prefix}:alerting:alert:${checkName('fingerprint', fingerprint, FINGERPRINT_PATTERN)}`,
    /** sorted set (score = ms of the last change): one source's firing and recently resolved fingerprints. */
    alertIndex: (source: string) => `${prefix}:alerting:index:${checkName('source', source)}`,
    /** counter: bumped by every claimed transition of one source, so its sender notices changes cheaply. */
    alertVersion: (source: string) => `${prefix}:alerting:version:${checkName('source', source)}`,
    /** string with TTL: the id of the instance of one source that sends to Alertmanager. */
    alertmanagerSenderLease: (source: string) => `${prefix}:alerting:sender:${checkName('source', source)}`,
    /** hash, TTL 90 d: one service's status history in minute/hour/day buckets (fixed number of fields). */
    statusHistory: (service: string) => `${prefix}:status:history:${checkName('service', service)}`,
  } as const
}
