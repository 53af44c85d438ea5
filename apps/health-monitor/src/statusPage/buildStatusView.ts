import type { HealthCheck, HealthStatus } from '@squeezeflow/core'
import { overallStatus } from '../overallStatus.js'
import type { ServiceUptime, StatusHistory } from './createStatusHistory.js'
import type { DashboardView } from './dashboardTracker.js'
import { type ContainerFigures, containerFigures, type Figure, serviceFigures } from './serviceFigures.js'
import { UPTIME_WINDOWS } from './statusBuckets.js'
import type { ActiveAlertView, StatusCycle } from './types.js'

/** Checks shown in a service's heartbeat bar. */
export const HEARTBEATS = 50

export interface Heartbeat {
  at: number
  status: HealthStatus
  message: string
}

export interface ServiceView {
  name: string
  status: HealthStatus
  critical: boolean
  message: string
  checkedAt: number | null
  figures: Figure[]
  container: ContainerFigures | undefined
  /** Oldest first. */
  heartbeats: Heartbeat[]
  uptime: ServiceUptime[]
  daily: ReturnType<StatusHistory['daily']>
}

/** Everything the page shows, taken at one instant; rendering it is pure. */
export interface StatusView {
  now: number
  cycle: { number: number; completedAt: number; durationMs: number } | undefined
  overall: HealthStatus
  services: ServiceView[]
  alerts: readonly ActiveAlertView[]
  recovery: Record<string, unknown> | null
  dashboard: DashboardView
}

export interface StatusViewInputs {
  now: number
  cycle: StatusCycle | undefined
  serviceNames: readonly string[]
  history(service: string): readonly HealthCheck[]
  statusHistory: StatusHistory
  alerts: readonly ActiveAlertView[]
  recovery: Record<string, unknown> | null
  dashboard: DashboardView
}

function serviceView(name: string, inputs: StatusViewInputs): ServiceView {
  const result = inputs.cycle?.results.get(name)
  const history = inputs.history(name)
  const checked = result && result.status !== 'unknown' ? result : undefined
  return {
    name,
    status: result?.status ?? 'unknown',
    critical: inputs.cycle?.criticalServices.has(name) ?? false,
    message: result?.message ?? 'not checked yet',
    checkedAt: checked ? Date.parse(checked.timestamp) : null,
    figures: result ? serviceFigures(result, history) : [],
    container: result ? containerFigures(result) : undefined,
    heartbeats: history
      .slice(0, HEARTBEATS)
      .map((r) => ({ at: Date.parse(r.timestamp), status: r.status, message: r.message }))
      .reverse(),
    uptime: UPTIME_WINDOWS.map((window) => inputs.statusHistory.uptime(name, window)),
    daily: inputs.statusHistory.daily(name),
  }
}

export function buildStatusView(inputs: StatusViewInputs): StatusView {
  const { cycle } = inputs
  return {
    now: inputs.now,
    cycle: cycle && {
      number: cycle.cycle,
      completedAt: cycle.completedAt,
      durationMs: cycle.completedAt - cycle.startedAt,
    },
    overall: cycle ? overallStatus(cycle.results.values(), cycle.criticalServices) : 'unknown',
    services: inputs.serviceNames.map((name) => serviceView(name, inputs)),
    alerts: inputs.alerts,
    recovery: inputs.recovery,
    dashboard: inputs.dashboard,
  }
}
