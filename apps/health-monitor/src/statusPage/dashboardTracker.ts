import { type Dashboard, parseDashboard } from '@squeezeflow/core'

/** One point of the host sparklines, taken from successive dashboards. */
export interface HostSample {
  at: number
  cpu: number | null
  memory: number | null
  disk: number | null
}

export type DashboardState =
  | { state: 'missing' }
  | { state: 'unreadable'; problem: string }
  | { state: 'invalid'; problem: string }
  | { state: 'fresh' | 'stale'; dashboard: Dashboard; ageSeconds: number }

export interface DashboardView {
  current: DashboardState
  staleAfterSeconds: number
  /** Oldest first. */
  samples: readonly HostSample[]
}

/**
 * The performance dashboard as last read from Redis, judged for freshness by its own `last_updated`, with
 * the host figures of the last `sampleCount` distinct dashboards for sparklines. Pure apart from its memory.
 */
export function createDashboardTracker({
  staleAfterSeconds,
  sampleCount = 60,
}: {
  staleAfterSeconds: number
  sampleCount?: number
}) {
  let latest:
    | { kind: 'missing' }
    | { kind: 'unreadable' | 'invalid'; problem: string }
    | { kind: 'ok'; dashboard: Dashboard } = { kind: 'missing' }
  const samples: HostSample[] = []

  return {
    /** `text` null: the key is absent; `problem`: Redis could not be read. */
    update(read: { text: string | null } | { problem: string }): void {
      if ('problem' in read) {
        latest = { kind: 'unreadable', problem: read.problem }
        return
      }
      if (read.text === null) {
        latest = { kind: 'missing' }
        return
      }
      const parsed = parseDashboard(read.text)
      if (!parsed.ok) {
        latest = { kind: 'invalid', problem: parsed.problem }
        return
      }
      latest = { kind: 'ok', dashboard: parsed.dashboard }
      const at = Date.parse(parsed.dashboard.last_updated)
      if (samples.at(-1)?.at === at) return
      const { cpu_percent, memory_percent, disk_percent } = parsed.dashboard.system
      samples.push({ at, cpu: cpu_percent, memory: memory_percent, disk: disk_percent })
      if (samples.length > sampleCount) samples.splice(0, samples.length - sampleCount)
    },
    view(now: number): DashboardView {
      let current: DashboardState
      if (latest.kind === 'ok') {
        const ageSeconds = Math.max(0, (now - Date.parse(latest.dashboard.last_updated)) / 1000)
        const state = ageSeconds > staleAfterSeconds ? 'stale' : 'fresh'
        current = { state, dashboard: latest.dashboard, ageSeconds }
      } else if (latest.kind === 'missing') current = { state: 'missing' }
      else current = { state: latest.kind, problem: latest.problem }
      return { current, staleAfterSeconds, samples: [...samples] }
    },
  }
}

export type DashboardTracker = ReturnType<typeof createDashboardTracker>
