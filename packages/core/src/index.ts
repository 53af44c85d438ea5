export {
  ALERT_SEVERITIES,
  ALERT_STATES,
  type Alert,
  type AlertIdentity,
  type AlertSeverity,
  type AlertState,
  alertFingerprint,
  isAlertSeverity,
} from './alert.js'
export * from './alertRules/index.js'
export {
  RULE_MATCHES,
  RULE_NAME_PATTERN,
  RULE_SCOPES,
  type RuleMatch,
  type RuleScope,
  type StoredAlertRule,
  validateStoredAlertRule,
} from './alertRules/validateStoredAlertRule.js'
export { type AlertObservation, AlertTracker, type AlertTrackerOptions } from './alertTracker.js'
export { type Clock, createManualClock, systemClock } from './clock.js'
export * from './config/index.js'
export * from './dashboard/index.js'
export { errorMessage } from './errorMessage.js'
export {
  compareStatus,
  HEALTH_STATUSES,
  type HealthCheck,
  type HealthStatus,
  httpStatusFor,
  isHealthStatus,
  worstStatus,
} from './health.js'
export * from './ingest/index.js'
export { LOG_LEVELS, type LogLevel, logLevelField, parseLogLevel } from './logLevel.js'
export {
  MAX_TAG_VALUE_LENGTH,
  MAX_TAGS_PER_POINT,
  METRIC_NAME_PATTERN,
  type MetricPoint,
  MetricValidationError,
  metricPointProblem,
  TAG_KEY_PATTERN,
} from './metricPoint.js'
export {
  AlertDefinitionError,
  COMPARISONS,
  type Comparison,
  compareToThreshold,
  type PerformanceAlert,
  renderAlertMessage,
  validatePerformanceAlert,
} from './performanceAlert.js'
export { createRedisKeys, DEFAULT_REDIS_PREFIX, type RedisKeys } from './redisKeys.js'
export { TimeoutError, withTimeout } from './withTimeout.js'
