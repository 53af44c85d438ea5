import type { AlertCondition } from '../types.js'
import { round2 } from './counterDelta.js'

/** The part of a `docker stats` (Engine API `/containers/{id}/stats`) answer the figures use. */
export interface CpuStatsPart {
  cpu_usage: { total_usage: number; percpu_usage?: readonly number[] }
  /** Absent in a one-shot answer's `precpu_stats` and on Windows. */
  system_cpu_usage?: number
  online_cpus?: number
}

export interface StatsPart {
  cpu_stats: CpuStatsPart
  precpu_stats: CpuStatsPart
  memory_stats: { usage?: number; limit?: number; stats?: Readonly<Record<string, number>> }
}

/** The part of `docker inspect` used. */
export interface InspectPart {
  RestartCount: number
  State: { Running: boolean; OOMKilled: boolean; StartedAt: string }
  /** `Memory` is the configured limit in bytes, 0 when none is set. */
  HostConfig?: { Memory?: number }
}

/**
 * CPU percent exactly as the docker CLI computes it (cli/command/container/stats_helpers.go,
 * `calculateCPUPercentUnix`): the container's share of the host's CPU time between the two samples the
 * daemon took, times the online CPUs. 0 when either delta is not positive; null without a previous sample.
 * Same on cgroup v1 and v2.
 */
export function cpuPercent(stats: StatsPart): number | null {
  // A one-shot answer has no previous sample; the CLI would then show the average since the start.
  if (!stats.precpu_stats.system_cpu_usage) return null
  const cpuDelta = stats.cpu_stats.cpu_usage.total_usage - stats.precpu_stats.cpu_usage.total_usage
  const systemDelta = (stats.cpu_stats.system_cpu_usage ?? 0) - (stats.precpu_stats.system_cpu_usage ?? 0)
  const online = stats.cpu_stats.online_cpus || stats.cpu_stats.cpu_usage.percpu_usage?.length || 0
  if (systemDelta <= 0 || cpuDelta <= 0) return 0
  return round2((cpuDelta / systemDelta) * online * 100)
}

/**
 * Memory in use as the docker CLI shows it (`calculateMemUsageUnixNoCache`): usage minus the inactive page
 * cache, which the kernel reclaims first — `total_inactive_file` on cgroup v1, `inactive_file` on v2. Daemons
 * older than those fields report `cache`, which the CLI before 20.10 subtracted. tmpfs pages are not inactive
 * file cache (they cannot be dropped), so they count as used.
 */
export function memoryUsedBytes(memory: StatsPart['memory_stats']): number {
  const usage = memory.usage ?? 0
  const stats = memory.stats ?? {}
  const hasInactive = stats.total_inactive_file !== undefined || stats.inactive_file !== undefined
  const candidates = hasInactive ? [stats.total_inactive_file, stats.inactive_file] : [stats.cache]
  for (const cache of candidates) {
    if (cache !== undefined && cache < usage) return usage - cache
  }
  return usage
}

/**
 * A one-shot answer (`one-shot=true`: the daemon sends its next sample instead of waiting for a second one)
 * has no `precpu_stats`; the previous cycle's `cpu_stats` stand in, so CPU percent is the average over the
 * whole cycle rather than over the daemon's last second.
 */
export function withPreviousCpu(stats: StatsPart, previous: CpuStatsPart | undefined): StatsPart {
  if (stats.precpu_stats.system_cpu_usage || previous === undefined) return stats
  return { ...stats, precpu_stats: previous }
}

export interface ContainerResources {
  service: string
  running: boolean
  /** Null in the first cycle of a one-shot reader (no previous sample yet). */
  cpu_percent: number | null
  memory_used_bytes: number
  /** What docker reports: the container's limit, or the host's memory when it has none. */
  memory_limit_bytes: number
  /** Whether a memory limit is configured for the container. */
  memory_limited: boolean
  memory_percent: number
  restart_count: number
  oom_killed: boolean
  /** Seconds since the container (re)started; null when it is not running. */
  uptime_seconds: number | null
}

export function containerResources(
  service: string,
  stats: StatsPart,
  inspect: InspectPart,
  nowMs: number,
): ContainerResources {
  const used = memoryUsedBytes(stats.memory_stats)
  const limit = stats.memory_stats.limit ?? 0
  const started = Date.parse(inspect.State.StartedAt)
  return {
    service,
    running: inspect.State.Running,
    cpu_percent: cpuPercent(stats),
    memory_used_bytes: used,
    memory_limit_bytes: limit,
    memory_limited: (inspect.HostConfig?.Memory ?? 0) > 0,
    memory_percent: limit > 0 ? round2((used / limit) * 100) : 0,
    restart_count: inspect.RestartCount,
    oom_killed: inspect.State.OOMKilled,
    uptime_seconds:
      inspect.State.Running && Number.isFinite(started)
        ? Math.max(0, Math.floor((nowMs - started) / 1000))
        : null,
  }
}

export interface ContainerThresholds {
  /** CPU_WARNING_PERCENT. Default 80. */
  cpuPercent: number
  /** MEMORY_WARNING_PERCENT, of the container's own limit. Default 85. */
  memoryPercent: number
  /** SYSTEM_ALERT_DURATION_SECONDS: how long CPU and memory percent must hold. Default 120. */
  durationSeconds: number
  /** Above this the container is critical at once. Default 1 GB (1024 MiB), like the process memory rule. */
  memoryCriticalBytes?: number
}

const MIB = 1024 * 1024

/** Conditions of one container; the caller's alert evaluator applies `durationSeconds`. */
export function containerConditions(r: ContainerResources, t: ContainerThresholds): AlertCondition[] {
  const conditions: AlertCondition[] = []
  const critical = t.memoryCriticalBytes ?? 1024 * MIB
  const usedMb = round2(r.memory_used_bytes / MIB)
  if (r.memory_used_bytes > critical) {
    conditions.push({
      rule: 'container_memory_high',
      severity: 'critical',
      message: `${r.service} container uses ${usedMb} MB (> ${round2(critical / MIB)} MB)`,
      value: usedMb,
      threshold: round2(critical / MIB),
    })
  }
  if (r.cpu_percent !== null && r.cpu_percent > t.cpuPercent) {
    conditions.push({
      rule: 'container_cpu_high',
      severity: 'warning',
      message: `${r.service} container CPU at ${r.cpu_percent} % (> ${t.cpuPercent} %)`,
      value: r.cpu_percent,
      threshold: t.cpuPercent,
      durationSeconds: t.durationSeconds,
    })
  }
  // Without a limit docker's percentage is of the host's memory, which the system check already watches.
  if (r.memory_limited && r.memory_percent > t.memoryPercent) {
    conditions.push({
      rule: 'container_memory_near_limit',
      severity: 'warning',
      message: `${r.service} container memory at ${r.memory_percent} % of its ${round2(r.memory_limit_bytes / MIB)} MB limit (> ${t.memoryPercent} %)`,
      value: r.memory_percent,
      threshold: t.memoryPercent,
      durationSeconds: t.durationSeconds,
    })
  }
  return conditions
}
