export type { MetricPoint } from '@squeezeflow/core'
export { MetricsSdkOptionError, MetricValidationError } from './errors.js'
export { decodeBatch, encodeBatch, INGEST_FIELD } from './ingestCodec.js'
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
