import type { HealthStatus } from '@squeezeflow/core'
import type { DataFlowConfig } from '../config.js'
import type { AlertCondition } from '../types.js'

/** What the two cheap InfluxDB queries found. */
export interface DataFlowSample {
  /** Points written within the window. */
  recentCount: number
  /** Epoch ms of the newest point within the lookback, or null when there is none. */
  lastWriteMs: number | null
}

export interface DataFlowAssessment {
  status: HealthStatus
  message: string
  details: {
    recent_data_count: number
    data_flow_healthy: boolean
    data_gap_minutes: number | null
    last_write_time: string | null
    points_per_minute: number
    window_minutes: number
    min_recent_points: number
  }
  condition?: AlertCondition
}

const round2 = (n: number) => Math.round(n * 100) / 100

/** gap > critical → critical; gap > unhealthy → unhealthy; too few recent points → degraded. */
export function assessDataFlow(
  sample: DataFlowSample,
  config: DataFlowConfig,
  nowMs: number,
): DataFlowAssessment {
  const gap = sample.lastWriteMs === null ? null : Math.max(0, (nowMs - sample.lastWriteMs) / 60_000)
  const details = {
    recent_data_count: sample.recentCount,
    data_flow_healthy: false,
    data_gap_minutes: gap === null ? null : round2(gap),
    last_write_time: sample.lastWriteMs === null ? null : new Date(sample.lastWriteMs).toISOString(),
    points_per_minute: round2(sample.recentCount / config.windowMinutes),
    window_minutes: config.windowMinutes,
    min_recent_points: config.minRecentPoints,
  }
  if (gap === null || gap > config.gapUnhealthyMinutes) {
    const critical = gap === null || gap > config.gapCriticalMinutes
    const message =
      gap === null
        ? `no data written within ${config.lookbackHours} h`
        : `no data written for ${round2(gap)} min (> ${critical ? config.gapCriticalMinutes : config.gapUnhealthyMinutes} min)`
    const condition: AlertCondition = {
      rule: 'data_gap',
      severity: critical ? 'critical' : 'warning',
      message: `aggr-server: ${message}`,
      value: details.data_gap_minutes ?? config.lookbackHours * 60,
      threshold: config.gapUnhealthyMinutes,
    }
    return { status: critical ? 'critical' : 'unhealthy', message, details, condition }
  }
  const healthyDetails = { ...details, data_flow_healthy: sample.recentCount >= config.minRecentPoints }
  if (!healthyDetails.data_flow_healthy) {
    const message = `low write rate: ${sample.recentCount} points in ${config.windowMinutes} min (expected >= ${config.minRecentPoints})`
    return { status: 'degraded', message, details: healthyDetails }
  }
  return {
    status: 'healthy',
    message: `data flowing: ${sample.recentCount} points in ${config.windowMinutes} min`,
    details: healthyDetails,
  }
}
