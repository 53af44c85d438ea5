import type { PerformanceAlertRule } from './types.js'

/**
 * The documented default performance alerts (README, "Alerts"). Metric names: the SDK's timings from the strategy runner, the SDK's per-operation
 * error rates, and this service's own collectors (`system_cpu_percent`, `process_memory_rss_mb` and
 * `pid_<pid>_memory_rss_mb` for the monitored processes).
 */
export const DEFAULT_ALERT_RULES: readonly PerformanceAlertRule[] = [
  {
    name: 'signal_processing_slow',
    metric_name: 'signal_processing_time_ms',
    match: 'exact',
    comparison: 'gt',
    threshold_value: 1000,
    duration_seconds: 60,
    severity: 'warning',
    message_template: 'Signal processing takes {value} ms (> {threshold} ms for {duration} s)',
    enabled: true,
  },
  {
    name: 'redis_publish_slow',
    metric_name: 'redis_publish_time_ms',
    match: 'exact',
    comparison: 'gt',
    threshold_value: 100,
    duration_seconds: 30,
    severity: 'warning',
    message_template: 'Redis publish takes {value} ms (> {threshold} ms for {duration} s)',
    enabled: true,
  },
  {
    name: 'process_memory_high',
    metric_name: 'memory_rss_mb',
    match: 'suffix',
    comparison: 'gt',
    threshold_value: 1000,
    duration_seconds: 300,
    severity: 'critical',
    message_template: '{metric} is {value} MB (> {threshold} MB for {duration} s)',
    enabled: true,
  },
  {
    name: 'cpu_high',
    metric_name: 'system_cpu_percent',
    match: 'exact',
    comparison: 'gt',
    threshold_value: 80,
    duration_seconds: 120,
    severity: 'warning',
    message_template: 'CPU usage is {value}% (> {threshold}% for {duration} s)',
    enabled: true,
  },
  {
    name: 'error_rate_high',
    metric_name: 'error_rate_percent',
    match: 'suffix',
    comparison: 'gt',
    threshold_value: 5,
    duration_seconds: 60,
    severity: 'critical',
    message_template: '{metric} of {service} is {value}% (> {threshold}% for {duration} s)',
    enabled: true,
  },
]
