import { statfs } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { OSUtils } from 'node-os-utils'
import type { HostProbe, UsageFigures } from './types.js'

interface Result<T> {
  success: boolean
  data?: T
  error?: { message?: string }
}

function unwrap<T>(what: string, result: Result<T>): T {
  if (!result.success || result.data === undefined)
    throw new Error(`${what} unavailable: ${result.error?.message ?? 'no data'}`)
  return result.data
}

/**
 * statfs rather than node-os-utils for the disk: it answers for any path (node-os-utils only for mount
 * points, by running `df`), without a child process. Like df, the percentage is of the space a non-root
 * user can have.
 */
async function diskFigures(path: string): Promise<UsageFigures> {
  const fs = await statfs(path)
  const totalBytes = fs.blocks * fs.bsize
  const usedBytes = (fs.blocks - fs.bfree) * fs.bsize
  const usable = usedBytes + fs.bavail * fs.bsize
  return { usedBytes, totalBytes, percent: usable > 0 ? (usedBytes / usable) * 100 : 0 }
}

/** The only module that reads the host: node-os-utils (/proc on Linux), statfs and Node's loadavg. */
export function createHostProbe(): HostProbe {
  // Caching off: each cycle wants a fresh reading, and the cycle is the rate limit.
  const os = new OSUtils({ cacheEnabled: false })
  return {
    async cpuPercent() {
      return unwrap('cpu usage', await os.cpu.usage())
    },
    async memory() {
      const m = unwrap('memory', await os.memory.info())
      return { usedBytes: m.used.bytes, totalBytes: m.total.bytes, percent: m.usagePercentage }
    },
    disk: diskFigures,
    // Node's own (one sysinfo call): node-os-utils reads /proc/loadavg through four thread-pool operations.
    async loadAverage() {
      const [one = 0, five = 0, fifteen = 0] = loadavg()
      return [one, five, fifteen]
    },
    async networkTotals() {
      const interfaces = unwrap('network', await os.network.statsAsync()).filter((n) => n.interface !== 'lo')
      return {
        rxBytes: interfaces.reduce((sum, n) => sum + n.rxBytes.bytes, 0),
        txBytes: interfaces.reduce((sum, n) => sum + n.txBytes.bytes, 0),
      }
    },
  }
}
