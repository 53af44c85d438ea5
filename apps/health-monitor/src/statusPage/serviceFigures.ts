import type { HealthCheck } from '@squeezeflow/core'
import { formatDuration, formatNumber } from './format.js'

export interface Figure {
  label: string
  value: string
}

export interface ContainerFigures {
  state: string
  restarts: number | null
}

type Details = Record<string, unknown>
const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined

/** How far back the signal rate looks: long enough to smooth single publishes, short enough to be current. */
const SIGNAL_RATE_WINDOW_MS = 10 * 60_000

/**
 * Signals per minute from the counter across recent results (newest first); undefined without two readings
 * or across a counter reset, where the difference means nothing.
 */
export function signalsPerMinute(history: readonly HealthCheck[]): number | undefined {
  const readings = history
    .map((r) => ({ at: Date.parse(r.timestamp), value: num(r.details.signals_published) }))
    .filter((r): r is { at: number; value: number } => r.value !== undefined && Number.isFinite(r.at))
  const newest = readings[0]
  if (!newest) return undefined
  const oldest = readings.filter((r) => newest.at - r.at <= SIGNAL_RATE_WINDOW_MS).at(-1)
  if (!oldest || oldest.at >= newest.at || oldest.value > newest.value) return undefined
  return (newest.value - oldest.value) / ((newest.at - oldest.at) / 60_000)
}

const FIGURES: Record<string, (d: Details, history: readonly HealthCheck[]) => Figure[]> = {
  aggr_server: (d) => [
    { label: 'Data gap', value: formatNumber(d.data_gap_minutes, ' min') },
    {
      label: 'Points in window',
      value:
        num(d.recent_data_count) === undefined ? '—' : `${d.recent_data_count} in ${d.window_minutes} min`,
    },
    { label: 'Write rate', value: formatNumber(d.points_per_minute, ' /min') },
  ],
  strategy_runner: (d, history) => {
    const figures = [{ label: 'Signals', value: formatNumber(signalsPerMinute(history), ' /min', 2) }]
    const age = num(d.seconds_since_advance)
    if (age !== undefined) figures.push({ label: 'Last signal', value: `${formatDuration(age)} ago` })
    return figures
  },
  redis: (d) => [
    { label: 'Latency', value: formatNumber(d.ping_ms, ' ms') },
    { label: 'Memory', value: formatNumber(d.used_memory_mb, ' MB') },
  ],
  influxdb: (d) => [
    { label: 'Latency', value: formatNumber(d.ping_ms, ' ms') },
    { label: 'Query', value: formatNumber(d.query_ms, ' ms') },
  ],
  system: (d) => [
    { label: 'CPU', value: formatNumber(d.cpu_percent, '%') },
    { label: 'Memory', value: formatNumber(d.memory_percent, '%') },
    { label: 'Disk', value: formatNumber(d.disk_percent, '%') },
  ],
  performance_monitor: (d) => [
    {
      label: 'Dashboard age',
      value: num(d.age_seconds) === undefined ? '—' : formatDuration(d.age_seconds as number),
    },
    { label: 'Its alerts', value: formatNumber(d.active_alert_count, '', 0) },
  ],
}

/** The key figures of one service's latest result (history newest first), in the order shown on its tile. */
export function serviceFigures(result: HealthCheck, history: readonly HealthCheck[]): Figure[] {
  const specific = FIGURES[result.name]?.(result.details, history) ?? []
  return [...specific, { label: 'Check took', value: formatNumber(result.response_time_ms, ' ms') }]
}

/** The container's state and restart count, when the Docker seam knows the container. */
export function containerFigures(result: HealthCheck): ContainerFigures | undefined {
  const container = result.details.container
  if (typeof container !== 'object' || container === null) return undefined
  const c = container as Details
  const status = typeof c.status === 'string' ? c.status : c.running === true ? 'running' : 'stopped'
  const state = typeof c.health === 'string' && c.health !== '' ? `${status} (${c.health})` : status
  return { state, restarts: num(c.restart_count) ?? null }
}
