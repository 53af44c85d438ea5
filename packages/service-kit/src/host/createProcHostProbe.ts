import { readFileSync } from 'node:fs'
import { errorMessage } from '@squeezeflow/core'
import { diskFigures } from './diskFigures.js'
import { loadAverage } from './loadAverage.js'
import { busyPercentBetween, type CpuTimes, parseCpuTimes, parseMemInfo, parseNetDev } from './procFigures.js'
import type { HostProbe } from './types.js'

/** The window of the very first CPU reading, which has no earlier one to compare with. */
const FIRST_CPU_WINDOW_MS = 200

/**
 * The host probe on Linux: each figure is one synchronous read of a /proc file. /proc files are made by the
 * kernel from memory when read, in microseconds, so a synchronous read never waits on a device. The
 * promise-based reads it replaces (node-os-utils) took about five thread-pool operations per file, and at
 * rest each of those wake-ups cost more than the reading itself (README "Benchmarks").
 */
export function createProcHostProbe(procRoot: string): HostProbe {
  const read = (what: string, file: string) => {
    try {
      return readFileSync(`${procRoot}/${file}`, 'utf8')
    } catch (err) {
      throw new Error(`${what} unavailable: ${errorMessage(err)}`)
    }
  }
  const cpuTimes = () => parseCpuTimes(read('cpu usage', 'stat'))
  let previous: CpuTimes | undefined
  let lastPercent = 0
  return {
    // Busy since the previous reading, so a cycle's figure covers the whole cycle instead of a sample of it.
    async cpuPercent() {
      if (previous === undefined) {
        previous = cpuTimes()
        await new Promise((resolve) => setTimeout(resolve, FIRST_CPU_WINDOW_MS))
      }
      const now = cpuTimes()
      const percent = busyPercentBetween(previous, now)
      // Within one clock tick of the previous reading nothing is known yet: keep it and its figure.
      if (percent === undefined) return lastPercent
      previous = now
      lastPercent = percent
      return percent
    },
    async memory() {
      return parseMemInfo(read('memory', 'meminfo'))
    },
    disk: diskFigures,
    loadAverage,
    async networkTotals() {
      return parseNetDev(read('network', 'net/dev'))
    },
  }
}
