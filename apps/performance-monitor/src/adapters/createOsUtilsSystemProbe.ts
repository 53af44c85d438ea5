import { OSUtils } from 'node-os-utils'
import type { SystemProbe } from '../collectors/types.js'

interface Result<T> {
  success: boolean
  data?: T
  error?: { message?: string }
}

function unwrap<T>(what: string, result: Result<T>): T {
  if (!result.success || result.data === undefined) {
    throw new Error(`${what} unavailable: ${result.error?.message ?? 'no data'}`)
  }
  return result.data
}

/** System figures through node-os-utils (on Linux: /proc and statfs). Results are never cached. */
export function createOsUtilsSystemProbe(): SystemProbe {
  const os = new OSUtils({ cacheEnabled: false })
  return {
    async cpuPercent() {
      return unwrap('cpu usage', await os.cpu.usage())
    },
    async memory() {
      const m = unwrap('memory', await os.memory.info())
      return { usedBytes: m.used.bytes, totalBytes: m.total.bytes, percent: m.usagePercentage }
    },
    async disk(path) {
      const d = unwrap(`disk ${path}`, await os.disk.usageByMountPoint(path))
      if (d === null) throw new Error(`disk ${path} unavailable: no such mount point`)
      return { usedBytes: d.used.bytes, totalBytes: d.total.bytes, percent: d.usagePercentage }
    },
    async loadAverage() {
      const l = unwrap('load average', await os.cpu.loadAverage())
      return [l.load1, l.load5, l.load15]
    },
    async networkTotals() {
      const n = unwrap('network', await os.network.overview())
      return { rxBytes: n.totalRxBytes.bytes, txBytes: n.totalTxBytes.bytes }
    },
  }
}
