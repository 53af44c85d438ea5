import type { HostProbe } from '@squeezeflow/service-kit/host'
import type { Collector, Sample } from './types.js'

const MB = 1024 * 1024

export interface SystemCollectorOptions {
  probe: HostProbe
  /** A path on the filesystem whose usage is `system_disk_percent` (DISK_PATH). */
  diskPath: string
  clock: () => number
}

/**
 * CPU, memory, disk, load and network throughput of the host (or container). Each figure is read on its own, so
 * one that fails leaves the others; the cycle fails only when all do. Network rates come from the difference
 * between two cycles, so the first cycle has none.
 */
export function createSystemCollector({ probe, diskPath, clock }: SystemCollectorOptions): Collector {
  let previousNetwork: { rxBytes: number; txBytes: number; at: number } | undefined

  const readers: Array<() => Promise<Sample[]>> = [
    async () => [{ metric_name: 'system_cpu_percent', value: await probe.cpuPercent(), unit: 'percent' }],
    async () => {
      const m = await probe.memory()
      return [
        { metric_name: 'system_memory_percent', value: m.percent, unit: 'percent' },
        { metric_name: 'system_memory_used_mb', value: m.usedBytes / MB, unit: 'MB' },
      ]
    },
    async () => {
      const d = await probe.disk(diskPath)
      return [
        { metric_name: 'system_disk_percent', value: d.percent, unit: 'percent' },
        { metric_name: 'system_disk_used_mb', value: d.usedBytes / MB, unit: 'MB' },
      ]
    },
    async () => {
      const [one, five, fifteen] = await probe.loadAverage()
      return [
        { metric_name: 'system_load_avg_1m', value: one, unit: 'load' },
        { metric_name: 'system_load_avg_5m', value: five, unit: 'load' },
        { metric_name: 'system_load_avg_15m', value: fifteen, unit: 'load' },
      ]
    },
    async () => {
      const now = { ...(await probe.networkTotals()), at: clock() }
      const before = previousNetwork
      previousNetwork = now
      const seconds = before ? (now.at - before.at) / 1000 : 0
      // Counters that went backwards (interface reset) give no rate this cycle.
      if (!before || seconds <= 0 || now.rxBytes < before.rxBytes || now.txBytes < before.txBytes) return []
      return [
        {
          metric_name: 'system_network_rx_bytes_per_sec',
          value: (now.rxBytes - before.rxBytes) / seconds,
          unit: 'B/s',
        },
        {
          metric_name: 'system_network_tx_bytes_per_sec',
          value: (now.txBytes - before.txBytes) / seconds,
          unit: 'B/s',
        },
      ]
    },
  ]

  return {
    name: 'system',
    async collect() {
      const results = await Promise.allSettled(readers.map((read) => read()))
      const samples = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []))
      const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      if (failures.length === results.length) throw failures[0]?.reason
      return samples.filter((s) => Number.isFinite(s.value))
    },
  }
}
