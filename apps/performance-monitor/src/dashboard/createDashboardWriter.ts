import { hostname } from 'node:os'
import type { Dashboard } from '@squeezeflow/core'
import type { MonitorState } from '../monitor/types.js'
import { buildDashboard, type ServiceInfo } from './buildDashboard.js'

export interface DashboardWriterOptions {
  state: Omit<MonitorState, 'dashboard'>
  version: string
  clock: () => number
  /** SET of the dashboard key. */
  write(json: string): Promise<void>
}

export interface DashboardWriter {
  build(): Dashboard
  /** Builds and writes the dashboard; skipped while Redis is unreachable (health reports that). */
  publish(): Promise<void>
  lastWrittenAt(): number | undefined
  writes(): number
}

/** The dashboard of the running monitor, built on demand and written to Redis by the dashboard task. */
export function createDashboardWriter({
  state,
  version,
  clock,
  write,
}: DashboardWriterOptions): DashboardWriter {
  const service: ServiceInfo = {
    name: 'performance-monitor',
    version,
    hostname: hostname(),
    pid: process.pid,
    node_version: process.version,
    started_at: new Date(state.startedAt).toISOString(),
  }
  let writes = 0
  let lastWrittenAt: number | undefined
  const build = (): Dashboard =>
    buildDashboard({
      now: clock(),
      service,
      store: state.store,
      firing: state.evaluator.firing(),
      pending: state.evaluator.pending(),
      ingest: state.ingest,
      collectors: state.cycle.collectors(),
      memoryProfile: state.profiler?.snapshots().at(-1),
      redis: { connected: state.redis.connected(), state: state.redis.state() },
    })
  return {
    build,
    async publish() {
      if (!state.redis.connected()) return
      await write(JSON.stringify(build()))
      writes += 1
      lastWrittenAt = clock()
    },
    lastWrittenAt: () => lastWrittenAt,
    writes: () => writes,
  }
}
