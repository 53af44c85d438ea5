import { describe, expect, it } from 'vitest'
import type { ContainerResourcesReading } from '../adapters/watch/containerStats.js'
import type { ContainerState } from '../types.js'
import { createContainerFigures } from './createContainerFigures.js'

const STATE: ContainerState = {
  container_id: 'abc',
  name: 'aggr-server',
  running: true,
  status: 'running',
  restart_count: 0,
}
const THRESHOLDS = { cpuPercent: 80, memoryPercent: 85, durationSeconds: 120 }
const BUSY: ContainerResourcesReading = {
  available: true,
  service: 'aggr_server',
  running: true,
  cpu_percent: 95,
  memory_used_bytes: 100,
  memory_limit_bytes: 1000,
  memory_limited: true,
  memory_percent: 10,
  restart_count: 0,
  oom_killed: false,
  uptime_seconds: 5,
}

describe('createContainerFigures', () => {
  it('reads the container the provider found and raises its conditions', async () => {
    let asked: unknown
    const read = createContainerFigures({
      containers: { containerState: async () => STATE },
      stats: {
        read: async (refs) => {
          asked = refs
          return [BUSY]
        },
      },
      thresholds: THRESHOLDS,
      timeoutMs: 1000,
    })
    const figures = await read('aggr_server')
    expect(asked).toEqual([{ service: 'aggr_server', containerId: 'abc' }])
    expect(figures.container_resources).toMatchObject({ cpu_percent: 95, oom_killed: false })
    expect(figures.conditions.map((c) => c.rule)).toEqual(['container_cpu_high'])
  })

  it('says why when Docker is out of reach', async () => {
    const read = createContainerFigures({
      containers: {
        containerState: async () => undefined,
        availability: () => ({ available: false, reason: 'docker unreachable at unix:/x.sock: ENOENT' }),
      },
      stats: { read: async () => [] },
      thresholds: THRESHOLDS,
      timeoutMs: 1000,
    })
    expect((await read('redis')).container_resources).toBe(
      'unavailable, because docker unreachable at unix:/x.sock: ENOENT',
    )
  })

  it('gives up at its deadline', async () => {
    const read = createContainerFigures({
      containers: { containerState: () => new Promise(() => undefined) },
      stats: { read: async () => [] },
      thresholds: THRESHOLDS,
      timeoutMs: 20,
    })
    expect((await read('redis')).container_resources).toBe(
      'unavailable, because container figures of redis timed out after 20 ms',
    )
  })
})
