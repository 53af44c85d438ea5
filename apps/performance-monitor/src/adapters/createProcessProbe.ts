import pidusage from 'pidusage'
import type { ProcessProbe } from '../collectors/types.js'

export interface ProcessProbeOptions {
  /** Default `process.pid`. */
  ownPid?: number
  /** This process's CPU time so far (µs) and RSS; default Node's own accounting. */
  ownUsage?: () => { cpuMicros: number; rssBytes: number }
  /** ms on a monotonic clock that starts with the process; default `performance.now()`. */
  monotonicMs?: () => number
}

function nodeOwnUsage() {
  const cpu = process.cpuUsage()
  return { cpuMicros: cpu.user + cpu.system, rssBytes: process.memoryUsage.rss() }
}

/**
 * Process CPU (percent of one core since the previous reading) and resident memory. This process is read from
 * Node's own accounting, without I/O; any other through pidusage (on Linux, an asynchronous read of
 * /proc/<pid>/stat, several thread-pool wake-ups per reading, which at rest cost more than the figure: README
 * "Benchmarks").
 */
export function createProcessProbe(options: ProcessProbeOptions = {}): ProcessProbe {
  const { ownPid = process.pid, ownUsage = nodeOwnUsage, monotonicMs = () => performance.now() } = options
  // Like pidusage, the first figure is the average since the process started.
  let previous = { cpuMicros: 0, atMs: 0 }
  return {
    async usage(pid) {
      if (pid !== ownPid) {
        const stat = await pidusage(pid)
        return { cpuPercent: stat.cpu, memoryBytes: stat.memory }
      }
      const { cpuMicros, rssBytes } = ownUsage()
      const atMs = monotonicMs()
      const elapsedMs = atMs - previous.atMs
      const cpuPercent = elapsedMs > 0 ? ((cpuMicros - previous.cpuMicros) / 1000 / elapsedMs) * 100 : 0
      previous = { cpuMicros, atMs }
      return { cpuPercent, memoryBytes: rssBytes }
    },
    close: () => pidusage.clear(),
  }
}
