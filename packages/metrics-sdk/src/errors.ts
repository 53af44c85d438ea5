export { MetricValidationError } from '@squeezeflow/core'

/** A PerformanceMonitor option is missing or out of range; thrown once, by the constructor. */
export class MetricsSdkOptionError extends Error {
  override name = 'MetricsSdkOptionError'
}
