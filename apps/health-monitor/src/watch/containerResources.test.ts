import { describe, expect, it } from 'vitest'
import {
  type ContainerResources,
  containerConditions,
  containerResources,
  cpuPercent,
  memoryUsedBytes,
  type StatsPart,
  withPreviousCpu,
} from './containerResources.js'

const MIB = 1024 * 1024

function stats(over: Partial<StatsPart> = {}): StatsPart {
  return {
    cpu_stats: {
      cpu_usage: { total_usage: 2_400_000_000 },
      system_cpu_usage: 120_000_000_000,
      online_cpus: 2,
    },
    precpu_stats: {
      cpu_usage: { total_usage: 2_000_000_000 },
      system_cpu_usage: 118_000_000_000,
      online_cpus: 2,
    },
    memory_stats: { usage: 300 * MIB, limit: 512 * MIB, stats: { total_inactive_file: 44 * MIB } },
    ...over,
  }
}

describe('cpuPercent', () => {
  it('is cpu delta / system delta × online CPUs × 100, as the docker CLI computes it', () => {
    // 0.4 s of CPU in 2 s of host time (summed over 2 CPUs) = 20 % of one CPU × 2 = 40 %
    expect(cpuPercent(stats())).toBe(40)
  })

  it('counts per-CPU entries when online_cpus is missing (older daemons, cgroup v1)', () => {
    const s = stats()
    const cpu = {
      cpu_usage: { total_usage: 2_400_000_000, percpu_usage: [1, 2, 3, 4] },
      system_cpu_usage: 120_000_000_000,
    }
    expect(cpuPercent({ ...s, cpu_stats: cpu })).toBe(80)
  })

  it('is 0 when nothing moved, and unknown without a previous sample (one-shot stats)', () => {
    const s = stats()
    expect(cpuPercent({ ...s, precpu_stats: s.cpu_stats })).toBe(0)
    expect(cpuPercent({ ...s, precpu_stats: { cpu_usage: { total_usage: 0 } } })).toBeNull()
  })

  it('takes the previous cycle’s sample in place of the one a one-shot answer lacks', () => {
    const oneShot = { ...stats(), precpu_stats: { cpu_usage: { total_usage: 0 } } }
    const previous = {
      cpu_usage: { total_usage: 1_400_000_000 },
      system_cpu_usage: 110_000_000_000,
      online_cpus: 2,
    }
    // 1 s of CPU in 10 s of host time over 2 CPUs: 20 %
    expect(cpuPercent(withPreviousCpu(oneShot, previous))).toBe(20)
    expect(withPreviousCpu(oneShot, undefined)).toBe(oneShot)
    expect(withPreviousCpu(stats(), previous)).toEqual(stats())
  })
})

describe('memoryUsedBytes', () => {
  it('subtracts total_inactive_file on cgroup v1, inactive_file on v2', () => {
    expect(
      memoryUsedBytes({ usage: 100, stats: { total_inactive_file: 30, inactive_file: 10, cache: 50 } }),
    ).toBe(70)
    expect(memoryUsedBytes({ usage: 100, stats: { inactive_file: 10, file: 40 } })).toBe(90)
  })

  it('falls back like the CLI when the inactive cache is not below usage, and to cache on old daemons', () => {
    expect(memoryUsedBytes({ usage: 100, stats: { total_inactive_file: 100, inactive_file: 20 } })).toBe(80)
    expect(memoryUsedBytes({ usage: 100, stats: { total_inactive_file: 120 } })).toBe(100)
    expect(memoryUsedBytes({ usage: 100, stats: { cache: 25 } })).toBe(75)
    expect(memoryUsedBytes({})).toBe(0)
  })
})

describe('containerResources', () => {
  const now = Date.parse('2026-11-30T07:00:00Z')
  const inspect = {
    RestartCount: 3,
    State: { Running: true, OOMKilled: false, StartedAt: '2026-11-30T06:58:30.123456789Z' },
    HostConfig: { Memory: 512 * MIB },
  }

  it('combines stats and inspect', () => {
    expect(containerResources('aggr_server', stats(), inspect, now)).toEqual({
      service: 'aggr_server',
      running: true,
      cpu_percent: 40,
      memory_used_bytes: 256 * MIB,
      memory_limit_bytes: 512 * MIB,
      memory_limited: true,
      memory_percent: 50,
      restart_count: 3,
      oom_killed: false,
      uptime_seconds: 89,
    })
  })

  it('has no uptime for a stopped container and marks an OOM kill', () => {
    const stopped = {
      ...inspect,
      State: { Running: false, OOMKilled: true, StartedAt: inspect.State.StartedAt },
    }
    const r = containerResources('x', stats({ memory_stats: { usage: 0, limit: 0 } }), stopped, now)
    expect(r).toMatchObject({ running: false, oom_killed: true, uptime_seconds: null, memory_percent: 0 })
  })
})

describe('containerConditions', () => {
  const thresholds = { cpuPercent: 80, memoryPercent: 85, durationSeconds: 120 }
  const r: ContainerResources = {
    service: 'aggr_server',
    running: true,
    cpu_percent: 10,
    memory_used_bytes: 100 * MIB,
    memory_limit_bytes: 512 * MIB,
    memory_limited: true,
    memory_percent: 19.53,
    restart_count: 0,
    oom_killed: false,
    uptime_seconds: 60,
  }

  it('is quiet within thresholds', () => {
    expect(containerConditions(r, thresholds)).toEqual([])
  })

  it('warns about CPU and memory near the limit with the system alert duration', () => {
    expect(containerConditions({ ...r, cpu_percent: 95.5, memory_percent: 90 }, thresholds)).toEqual([
      {
        rule: 'container_cpu_high',
        severity: 'warning',
        message: 'aggr_server container CPU at 95.5 % (> 80 %)',
        value: 95.5,
        threshold: 80,
        durationSeconds: 120,
      },
      {
        rule: 'container_memory_near_limit',
        severity: 'warning',
        message: 'aggr_server container memory at 90 % of its 512 MB limit (> 85 %)',
        value: 90,
        threshold: 85,
        durationSeconds: 120,
      },
    ])
  })

  it('ignores the percentage of a container without a limit (it is of the host), and is critical above 1 GB', () => {
    const big = { ...r, memory_limited: false, memory_percent: 95, memory_used_bytes: 1500 * MIB }
    expect(containerConditions(big, thresholds)).toEqual([
      {
        rule: 'container_memory_high',
        severity: 'critical',
        message: 'aggr_server container uses 1500 MB (> 1024 MB)',
        value: 1500,
        threshold: 1024,
      },
    ])
  })
})
