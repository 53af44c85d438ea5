import { createManualClock } from '@squeezeflow/core'
import type { HostProbe } from '@squeezeflow/service-kit/host'
import { describe, expect, it } from 'vitest'
import { createProcessCollector } from './createProcessCollector.js'
import { createSystemCollector } from './createSystemCollector.js'

const MB = 1024 * 1024

function probe(overrides: Partial<HostProbe> = {}) {
  let rx = 1000
  const base: HostProbe = {
    cpuPercent: async () => 37.5,
    memory: async () => ({ usedBytes: 512 * MB, totalBytes: 2048 * MB, percent: 25 }),
    disk: async () => ({ usedBytes: 100 * MB, totalBytes: 1000 * MB, percent: 10 }),
    loadAverage: async () => [1, 2, 3],
    networkTotals: async () => {
      rx += 5000
      return { rxBytes: rx, txBytes: 100 }
    },
  }
  return { ...base, ...overrides }
}

const byName = (samples: Array<{ metric_name: string; value: number }>) =>
  Object.fromEntries(samples.map((s) => [s.metric_name, s.value]))

describe('createSystemCollector', () => {
  it('reports every figure, and network rates from the second cycle on', async () => {
    const { clock, advance } = createManualClock()
    const collector = createSystemCollector({ probe: probe(), diskPath: '/', clock })
    const first = byName(await collector.collect())
    expect(first).toMatchObject({
      system_cpu_percent: 37.5,
      system_memory_percent: 25,
      system_memory_used_mb: 512,
      system_disk_percent: 10,
      system_load_avg_15m: 3,
    })
    expect(first.system_network_rx_bytes_per_sec).toBeUndefined()
    advance(2000)
    expect(byName(await collector.collect())).toMatchObject({
      system_network_rx_bytes_per_sec: 2500,
      system_network_tx_bytes_per_sec: 0,
    })
  })

  it('keeps the figures that work when one fails, and fails only when all do', async () => {
    const { clock } = createManualClock()
    const broken = async () => {
      throw new Error('no /proc')
    }
    const partly = createSystemCollector({ probe: probe({ cpuPercent: broken }), diskPath: '/', clock })
    expect(byName(await partly.collect()).system_cpu_percent).toBeUndefined()
    const all = probe({
      cpuPercent: broken,
      memory: broken,
      disk: broken,
      loadAverage: broken,
      networkTotals: broken,
    })
    await expect(createSystemCollector({ probe: all, diskPath: '/', clock }).collect()).rejects.toThrow(
      'no /proc',
    )
  })
})

describe('createProcessCollector', () => {
  it('names this process and each monitored PID, and skips a PID that is gone', async () => {
    const collector = createProcessCollector({
      probe: {
        usage: async (pid) => {
          if (pid === 99) throw new Error('No matching pid found')
          return { cpuPercent: pid, memoryBytes: 10 * MB }
        },
        close: () => undefined,
      },
      ownPid: 7,
      pids: [42, 99, 7],
    })
    const samples = await collector.collect()
    expect(samples).toEqual([
      { metric_name: 'process_cpu_percent', value: 7, unit: 'percent', service: undefined },
      { metric_name: 'process_memory_rss_mb', value: 10, unit: 'MB', service: undefined },
      { metric_name: 'pid_42_cpu_percent', value: 42, unit: 'percent', service: 'pid-42' },
      { metric_name: 'pid_42_memory_rss_mb', value: 10, unit: 'MB', service: 'pid-42' },
    ])
  })
})
