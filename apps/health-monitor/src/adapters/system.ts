import { statfs } from 'node:fs/promises'
import { OSUtils } from 'node-os-utils'
import type { SystemSample, SystemSource } from '../checks/system.js'

interface DiskFigures {
  percent: number
  used: number
  total: number
}

/**
 * statfs rather than node-os-utils for the disk: it answers for any path (node-os-utils only for mount
 * points, by running `df`), without a child process.
 */
async function diskFigures(path: string): Promise<DiskFigures> {
  const fs = await statfs(path)
  const total = fs.blocks * fs.bsize
  const used = (fs.blocks - fs.bfree) * fs.bsize
  // Like df: the share of the space a non-root user can have.
  const usable = used + fs.bavail * fs.bsize
  return { percent: usable > 0 ? (used / usable) * 100 : 0, used, total }
}

function unwrap<T>(result: { success: boolean; data?: T; error?: { message?: string } }, what: string): T {
  if (!result.success || result.data === undefined)
    throw new Error(`${what} unavailable: ${result.error?.message ?? 'unknown error'}`)
  return result.data
}

/** The only module that reads the host's figures: node-os-utils for CPU, memory, load and network; statfs for the disk. */
export function createSystemSource(diskPath: string): SystemSource {
  // Caching off: each check cycle wants a fresh reading, and the cycle is the rate limit.
  const osutils = new OSUtils({ cacheEnabled: false })
  return {
    async sample(): Promise<SystemSample> {
      const [cpu, memory, load, network, disk] = await Promise.all([
        osutils.cpu.usage(),
        osutils.memory.info(),
        osutils.cpu.loadAverage(),
        osutils.network.statsAsync(),
        diskFigures(diskPath),
      ])
      const mem = unwrap(memory, 'memory')
      const avg = unwrap(load, 'load average')
      const interfaces = unwrap(network, 'network').filter((n) => n.interface !== 'lo')
      return {
        cpuPercent: unwrap(cpu, 'cpu'),
        memoryPercent: mem.usagePercentage,
        memoryUsedBytes: mem.used.bytes,
        memoryTotalBytes: mem.total.bytes,
        diskPath,
        diskPercent: disk.percent,
        diskUsedBytes: disk.used,
        diskTotalBytes: disk.total,
        loadAverage: [avg.load1, avg.load5, avg.load15],
        networkRxBytes: interfaces.reduce((sum, n) => sum + n.rxBytes.bytes, 0),
        networkTxBytes: interfaces.reduce((sum, n) => sum + n.txBytes.bytes, 0),
      }
    },
  }
}
