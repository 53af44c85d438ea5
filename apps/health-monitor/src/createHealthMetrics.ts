import { type Alert, compareStatus, HEALTH_STATUSES, type HealthStatus } from '@squeezeflow/core'
import { createMetricsRegistry } from '@squeezeflow/service-kit/prometheus'
import { Counter, Gauge, Histogram } from 'prom-client'
import { createWatchMetrics } from './createWatchMetrics.js'
import type { CycleReport } from './types.js'

/** Status as a number for Prometheus: 0 healthy, 1 degraded, 2 unknown, 3 unhealthy, 4 critical. */
export const statusValue = (status: HealthStatus) => compareStatus(status, 'healthy')

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined)

/** The monitor's `squeezeflow_*` metrics on a registry of its own (service-kit's, with the default metrics). */
export function createHealthMetrics() {
  const registry = createMetricsRegistry()
  const registers = [registry]
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers })
  const counter = (name: string, help: string, labelNames: string[] = []) =>
    new Counter({ name, help, labelNames, registers })
  const serviceStatus = gauge(
    'squeezeflow_service_health_status',
    `Service status: ${HEALTH_STATUSES.map((s) => `${statusValue(s)} ${s}`).join(', ')}`,
    ['service'],
  )
  const serviceUp = gauge('squeezeflow_service_up', '1 when the service is healthy or degraded, else 0', [
    'service',
  ])
  const overall = gauge(
    'squeezeflow_health_status',
    'Overall status, same scale as squeezeflow_service_health_status',
  )
  const responseTime = gauge(
    'squeezeflow_check_response_time_seconds',
    'Duration of the latest check of each service',
    ['service'],
  )
  const checkDuration = new Histogram({
    name: 'squeezeflow_check_duration_seconds',
    help: 'Duration of checks',
    labelNames: ['service'],
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30],
    registers,
  })
  const checks = counter('squeezeflow_checks_total', 'Checks run, by service and resulting status', [
    'service',
    'status',
  ])
  const cycles = counter('squeezeflow_check_cycles_total', 'Completed check cycles')
  const cycleDuration = gauge(
    'squeezeflow_check_cycle_duration_seconds',
    'Duration of the latest check cycle',
  )
  const lastCycle = gauge(
    'squeezeflow_last_check_cycle_timestamp_seconds',
    'Unix time the latest check cycle completed',
  )
  const alertsPublished = counter(
    'squeezeflow_alerts_published_total',
    'Alert transitions this instance published on the alerts channel (each one by a single instance)',
    ['severity', 'state'],
  )
  const alertsActive = gauge('squeezeflow_alerts_active', 'Alerts pending or firing now', ['state'])
  const alertsBuffered = gauge('squeezeflow_alerts_buffered', 'Alerts waiting for Redis')
  const recentPoints = gauge(
    'squeezeflow_data_flow_recent_points',
    'Points aggr-server wrote within the data-flow window',
  )
  const dataGap = gauge('squeezeflow_data_flow_gap_seconds', 'Time since aggr-server last wrote a point')
  const writeRate = gauge(
    'squeezeflow_data_flow_points_per_minute',
    'aggr-server write rate over the data-flow window',
  )
  const flowHealthy = gauge('squeezeflow_data_flow_healthy', '1 when aggr-server data flow is healthy')
  const watch = createWatchMetrics(registry)

  function recordDataFlow(details: Record<string, unknown> | undefined): void {
    const gapMinutes = num(details?.data_gap_minutes)
    const figures: Array<[Gauge, number | undefined]> = [
      [recentPoints, num(details?.recent_data_count)],
      [dataGap, gapMinutes === undefined ? undefined : gapMinutes * 60],
      [writeRate, num(details?.points_per_minute)],
    ]
    for (const [gauge, value] of figures) {
      if (value === undefined) gauge.reset()
      else gauge.set(value)
    }
    if (typeof details?.data_flow_healthy === 'boolean') flowHealthy.set(details.data_flow_healthy ? 1 : 0)
    else flowHealthy.reset()
  }

  return {
    registry,
    recordCycle(
      report: CycleReport,
      overallStatus: HealthStatus,
      activeAlerts: ReadonlyArray<Pick<Alert, 'state'>>,
      buffered: number,
    ): void {
      for (const result of report.results.values()) {
        serviceStatus.set({ service: result.name }, statusValue(result.status))
        serviceUp.set(
          { service: result.name },
          result.status === 'healthy' || result.status === 'degraded' ? 1 : 0,
        )
        responseTime.set({ service: result.name }, result.response_time_ms / 1000)
        checkDuration.observe({ service: result.name }, result.response_time_ms / 1000)
        checks.inc({ service: result.name, status: result.status })
      }
      overall.set(statusValue(overallStatus))
      cycles.inc()
      cycleDuration.set((report.completedAt - report.startedAt) / 1000)
      lastCycle.set(report.completedAt / 1000)
      recordDataFlow(report.results.get('aggr_server')?.details)
      watch.record(report.results)
      alertsActive.set({ state: 'pending' }, activeAlerts.filter((a) => a.state === 'pending').length)
      alertsActive.set({ state: 'firing' }, activeAlerts.filter((a) => a.state === 'firing').length)
      alertsBuffered.set(buffered)
    },
    recordPublished(alert: Alert): void {
      alertsPublished.inc({ severity: alert.severity, state: alert.state })
    },
  }
}

export type HealthMetrics = ReturnType<typeof createHealthMetrics>
