import { type HealthStatus, worstStatus } from '@squeezeflow/core'
import type { MonitorState } from './types.js'

/** `GET /health`. */
export interface HealthReport {
  status: HealthStatus
  service: 'performance-monitor'
  /** ISO-8601. */
  timestamp: string
  uptime_seconds: number
  /** Why the status is not `healthy`; empty when it is. */
  problems: string[]
  redis: { connected: boolean; state: string; last_error: string | null }
  ingest: { points: number; backlog_entries: number | null; last_error: string | null }
  collection: {
    last_cycle_at: string | null
    collectors: Record<string, { ok: boolean; last_error: string | null }>
  }
  dashboard: { last_written_at: string | null }
}

/** Cycles missed before the loop counts as stalled. */
const STALL_CYCLES = 3
const STALL_GRACE_MS = 10_000

/**
 * `healthy` when everything works; `degraded` (still 200) when Redis is unreachable, ingest fails or a collector
 * fails, since the service keeps measuring and serving; `unhealthy` (503) when the collection loop has stalled.
 */
export function buildHealth(state: MonitorState, now: number): HealthReport {
  const problems: Array<[HealthStatus, string]> = []
  const connected = state.redis.connected()
  if (!connected)
    problems.push(['degraded', `redis unreachable: ${state.redis.lastError() ?? state.redis.state()}`])
  if (connected && state.ingest.lastError)
    problems.push(['degraded', `ingest failing: ${state.ingest.lastError}`])
  const collectors = state.cycle.collectors()
  for (const [name, status] of Object.entries(collectors)) {
    if (status.last_error !== null) problems.push(['degraded', `collector ${name}: ${status.last_error}`])
  }
  const lastCycle = state.cycle.lastCycleAt() ?? state.startedAt
  const stallMs = STALL_CYCLES * state.collectionIntervalSeconds * 1000 + STALL_GRACE_MS
  if (now - lastCycle > stallMs)
    problems.push(['unhealthy', `no collection cycle for ${Math.round((now - lastCycle) / 1000)} s`])
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString())
  return {
    status: worstStatus([...problems.map(([s]) => s), 'healthy']),
    service: 'performance-monitor',
    timestamp: new Date(now).toISOString(),
    uptime_seconds: Math.round((now - state.startedAt) / 1000),
    problems: problems.map(([, p]) => p),
    redis: { connected, state: state.redis.state(), last_error: state.redis.lastError() ?? null },
    ingest: {
      points: state.ingest.points,
      backlog_entries: state.ingest.backlog ?? null,
      last_error: state.ingest.lastError ?? null,
    },
    collection: {
      last_cycle_at: iso(state.cycle.lastCycleAt()),
      collectors: Object.fromEntries(
        Object.entries(collectors).map(([n, s]) => [n, { ok: s.ok, last_error: s.last_error }]),
      ),
    },
    dashboard: { last_written_at: iso(state.dashboard.lastWrittenAt()) },
  }
}
