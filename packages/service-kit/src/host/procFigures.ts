import type { UsageFigures } from './types.js'

/** The aggregate `cpu` line of /proc/stat, in clock ticks since boot. */
export interface CpuTimes {
  busy: number
  total: number
}

/**
 * Reads the first line of /proc/stat (`cpu  user nice system idle iowait irq softirq steal guest guest_nice`).
 * Idle is the `idle` column alone, as node-os-utils and top count it: time waiting on I/O is busy.
 */
export function parseCpuTimes(procStat: string): CpuTimes {
  const end = procStat.indexOf('\n')
  const line = end < 0 ? procStat : procStat.slice(0, end)
  if (!line.startsWith('cpu ')) throw new Error('cpu usage unavailable: no cpu line in /proc/stat')
  const ticks = line.slice(4).trim().split(/\s+/).map(Number)
  if (ticks.length < 4 || ticks.some((t) => !Number.isFinite(t)))
    throw new Error('cpu usage unavailable: unreadable cpu line in /proc/stat')
  const total = ticks.reduce((sum, t) => sum + t, 0)
  return { busy: total - (ticks[3] as number), total }
}

/** Busy share of all cores between two readings, 0–100; undefined when no tick passed between them. */
export function busyPercentBetween(earlier: CpuTimes, later: CpuTimes): number | undefined {
  const total = later.total - earlier.total
  if (total <= 0) return undefined
  return Math.min(100, Math.max(0, ((later.busy - earlier.busy) / total) * 100))
}

/** Memory in use as total minus MemAvailable (MemFree on kernels before 3.14), from /proc/meminfo. */
export function parseMemInfo(procMeminfo: string): UsageFigures {
  const kib = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(procMeminfo)
    return match ? Number(match[1]) * 1024 : undefined
  }
  const totalBytes = kib('MemTotal')
  const availableBytes = kib('MemAvailable') ?? kib('MemFree')
  if (totalBytes === undefined || availableBytes === undefined)
    throw new Error('memory unavailable: no MemTotal or MemAvailable in /proc/meminfo')
  const usedBytes = totalBytes - availableBytes
  return { usedBytes, totalBytes, percent: totalBytes > 0 ? (usedBytes / totalBytes) * 100 : 0 }
}

/** Bytes received and sent since boot over every interface but loopback, from /proc/net/dev. */
export function parseNetDev(procNetDev: string): { rxBytes: number; txBytes: number } {
  let rxBytes = 0
  let txBytes = 0
  // Two header lines, then `iface: rx_bytes packets errs drop fifo frame compressed multicast tx_bytes …`.
  for (const line of procNetDev.split('\n').slice(2)) {
    const colon = line.indexOf(':')
    if (colon < 0 || line.slice(0, colon).trim() === 'lo') continue
    const fields = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
    rxBytes += Number(fields[0]) || 0
    txBytes += Number(fields[8]) || 0
  }
  return { rxBytes, txBytes }
}
