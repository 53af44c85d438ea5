import { type Alert, compareStatus, HEALTH_STATUSES, type HealthStatus } from '@squeezeflow/core'
import { createMetricsRegistry } from '@squeezeflow/service-kit/prometheus'
import { Counter, Gauge, Histogram } from 'prom-client'
import type { CycleReport } from './types.js'

/** Status as a number for Prometheus: 0 healthy, 1 degraded, 2 unknown, 3 unhealthy, 4 critical. */
export const statusValue = (status: HealthStatus) => compareStatus(status, 'healthy')

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined)

/** The monitor's `squeezeflow_*` metrics on a registry of its own (service-kit's, with the default metrics). */
export function createHealthMetrics() {
  const registry = createMetricsRegistry()
  const registers = [registry]
  const serviceStatus = new Gauge({
    name: 'squeezeflow_service_health_status',
    help: `Service status: ${HEALTH_STATUSES.map((s) => `${statusValue(s)} ${s}`).join(', ')}`,
    labelNames: ['service'],
    registers,
  })
  const serviceUp = new Gauge({
    name: 'squeezeflow_service_up',
    help: '1 when the service is healthy or degraded, else 0',
    labelNames: ['service'],
    registers,
  })
  const overall = new Gauge({
    name: 'squeezeflow_health_status',
    help: 'Overall status, same scale as squeezeflow_service_health_status',
    registers,
  })
  const responseTime = new Gauge({
    name: 'squeezeflow_check_response_time_seconds',
    help: 'Duration of the latest check of each service',
    labelNames: ['service'],
    registers,
  })
  const checkDuration = new Histogram({
    name: 'squeezeflow_check_duration_seconds',
    help: 'Duration of checks',
    labelNames: ['service'],
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30],
    registers,
  })
  const checks = new Counter({
    name: 'squeezeflow_checks_total',
    help: 'Checks run, by service and resulting status',
    labelNames: ['service', 'status'],
    registers,
  })
  const cycles = new Counter({
    name: 'squeezeflow_check_cycles_total',
    help: 'Completed check cycles',
    registers,
  })
  const cycleDuration = new Gauge({
    name: 'squeezeflow_check_cycle_duration_seconds',
    help: 'Duration of the latest check cycle',
    registers,
  })
  const lastCycle = new Gauge({
    name: 'squeezeflow_last_check_cycle_timestamp_seconds',
    help: 'Unix time the latest check cycle completed',
    registers,
  })
  const alertsPublished = new Counter({
    name: 'squeezeflow_alerts_published_total',
    help: 'Alerts published on the alerts channel',
    labelNames: ['severity', 'state'],
    registers,
  })
  const alertsActive = new Gauge({
    name: 'squeezeflow_alerts_active',
    help: 'Alerts pending or firing now',
    labelNames: ['state'],
    registers,
  })
  const alertsBuffered = new Gauge({
    name: 'squeezeflow_alerts_buffered',
    help: 'Alerts waiting for Redis',
    registers,
  })
  const recentPoints = new Gauge({
    name: 'squeezeflow_data_flow_recent_points',
    help: 'Points aggr-server wrote within the data-flow window',
    registers,
  })
  const dataGap = new Gauge({
    name: 'squeezeflow_data_flow_gap_seconds',
    help: 'Time since aggr-server last wrote a point',
    registers,
  })
  const writeRate = new Gauge({
    name: 'squeezeflow_data_flow_points_per_minute',
    help: 'aggr-server write rate over the data-flow window',
    registers,
  })
  const flowHealthy = new Gauge({
    name: 'squeezeflow_data_flow_healthy',
    help: '1 when aggr-server data flow is healthy',
    registers,
  })

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
