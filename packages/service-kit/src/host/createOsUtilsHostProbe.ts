import { OSUtils } from 'node-os-utils'
import { diskFigures } from './diskFigures.js'
import { loadAverage } from './loadAverage.js'
import type { HostProbe } from './types.js'

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

/** The host probe where there is no Linux /proc to read (a developer's macOS or Windows): node-os-utils. */
export function createOsUtilsHostProbe(): HostProbe {
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
    loadAverage,
    async networkTotals() {
      const interfaces = unwrap('network', await os.network.statsAsync()).filter((n) => n.interface !== 'lo')
      return {
        rxBytes: interfaces.reduce((sum, n) => sum + n.rxBytes.bytes, 0),
        txBytes: interfaces.reduce((sum, n) => sum + n.txBytes.bytes, 0),
      }
    },
  }
}
