import type { Clock } from '@squeezeflow/core'
import type { HostProbe } from '@squeezeflow/service-kit/host'
import type { SystemThresholds } from '../config.js'
import type { AlertCondition, CheckFn, CheckOutcome } from '../types.js'

/** One reading of the host (or container) the monitor runs on. */
export interface SystemSample {
  cpuPercent: number
  memoryPercent: number
  memoryUsedBytes: number
  memoryTotalBytes: number
  diskPath: string
  diskPercent: number
  diskUsedBytes: number
  diskTotalBytes: number
  /** 1, 5 and 15 minute load averages. */
  loadAverage: [number, number, number]
  /** Totals over all non-loopback interfaces since boot. */
  networkRxBytes: number
  networkTxBytes: number
}

/** One reading of every figure through service-kit's host probe; rejects when any is unavailable. */
export async function sampleHost(probe: HostProbe, diskPath: string): Promise<SystemSample> {
  const [cpuPercent, memory, disk, loadAverage, network] = await Promise.all([
    probe.cpuPercent(),
    probe.memory(),
    probe.disk(diskPath),
    probe.loadAverage(),
    probe.networkTotals(),
  ])
  return {
    cpuPercent,
    memoryPercent: memory.percent,
    memoryUsedBytes: memory.usedBytes,
    memoryTotalBytes: memory.totalBytes,
    diskPath,
    diskPercent: disk.percent,
    diskUsedBytes: disk.usedBytes,
    diskTotalBytes: disk.totalBytes,
    loadAverage,
    networkRxBytes: network.rxBytes,
    networkTxBytes: network.txBytes,
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10

const RULES = [
  { rule: 'cpu_percent_gt', label: 'CPU', key: 'cpuPercent', threshold: 'cpuPercent' },
  { rule: 'memory_percent_gt', label: 'memory', key: 'memoryPercent', threshold: 'memoryPercent' },
  { rule: 'disk_percent_gt', label: 'disk', key: 'diskPercent', threshold: 'diskPercent' },
] as const

/** Each of CPU, memory and disk above its threshold → degraded and a warning that must hold for a while. */
export function systemOutcome(
  sample: SystemSample,
  thresholds: SystemThresholds,
  rates: { rxPerSecond: number | null; txPerSecond: number | null },
): CheckOutcome {
  const conditions: AlertCondition[] = []
  for (const { rule, label, key, threshold } of RULES) {
    const value = sample[key]
    const limit = thresholds[threshold]
    if (value > limit) {
      conditions.push({
        rule,
        severity: 'warning',
        message: `${label} usage ${round1(value)}% exceeds ${limit}%`,
        value: round1(value),
        threshold: limit,
        durationSeconds: thresholds.alertDurationSeconds,
      })
    }
  }
  const details = {
    cpu_percent: round1(sample.cpuPercent),
    memory_percent: round1(sample.memoryPercent),
    memory_used_bytes: sample.memoryUsedBytes,
    memory_total_bytes: sample.memoryTotalBytes,
    disk_path: sample.diskPath,
    disk_percent: round1(sample.diskPercent),
    disk_used_bytes: sample.diskUsedBytes,
    disk_total_bytes: sample.diskTotalBytes,
    load_average: sample.loadAverage,
    network_rx_bytes: sample.networkRxBytes,
    network_tx_bytes: sample.networkTxBytes,
    network_rx_bytes_per_second: rates.rxPerSecond,
    network_tx_bytes_per_second: rates.txPerSecond,
    thresholds: {
      cpu_percent: thresholds.cpuPercent,
      memory_percent: thresholds.memoryPercent,
      disk_percent: thresholds.diskPercent,
    },
  }
  if (conditions.length === 0) {
    return {
      status: 'healthy',
      message: `cpu ${details.cpu_percent}%, memory ${details.memory_percent}%, disk ${details.disk_percent}%`,
      details,
    }
  }
  return { status: 'degraded', message: conditions.map((c) => c.message).join('; '), details, conditions }
}

/** CPU, memory, disk, load and network I/O; network rates come from the previous sample. */
export function createSystemCheck(
  probe: HostProbe,
  diskPath: string,
  thresholds: SystemThresholds,
  clock: Clock,
): CheckFn {
  let previous: { rx: number; tx: number; atMs: number } | undefined
  return async () => {
    const sample = await sampleHost(probe, diskPath)
    const now = clock()
    const seconds = previous ? (now - previous.atMs) / 1000 : 0
    const rates =
      previous && seconds > 0
        ? {
            rxPerSecond: Math.round((sample.networkRxBytes - previous.rx) / seconds),
            txPerSecond: Math.round((sample.networkTxBytes - previous.tx) / seconds),
          }
        : { rxPerSecond: null, txPerSecond: null }
    previous = { rx: sample.networkRxBytes, tx: sample.networkTxBytes, atMs: now }
    return systemOutcome(sample, thresholds, rates)
  }
}
