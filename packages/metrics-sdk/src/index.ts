export type { MetricPoint, StoredAlertRule } from '@squeezeflow/core'
export type { PerformanceAlertInput } from './createAlertRuleWriter.js'
export { MetricsSdkOptionError, MetricValidationError } from './errors.js'
export { PerformanceMonitor } from './PerformanceMonitor.js'
export { PerformanceTimer } from './PerformanceTimer.js'
export type {
  FlushResult,
  IngestClient,
  InvalidInputPolicy,
  PerformanceMonitorOptions,
  RecordErrorInput,
  RecordedError,
  RecordMetricInput,
  RedisAddress,
  SdkStats,
} from './types.js'
