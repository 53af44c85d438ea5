import type { Collector, ProcessProbe, Sample } from './types.js'

const MB = 1024 * 1024

export interface ProcessCollectorOptions {
  probe: ProcessProbe
  /** This process: `process_cpu_percent`, `process_memory_rss_mb`. */
  ownPid: number
  /** Other processes: `pid_<pid>_cpu_percent`, `pid_<pid>_memory_rss_mb`, service `pid-<pid>`. */
  pids: readonly number[]
}

/** CPU and resident memory of this process and the configured ones; a vanished PID is skipped, not fatal. */
export function createProcessCollector({ probe, ownPid, pids }: ProcessCollectorOptions): Collector {
  const targets = [ownPid, ...pids.filter((pid) => pid !== ownPid)]
  return {
    name: 'process',
    async collect() {
      const results = await Promise.allSettled(targets.map((pid) => probe.usage(pid)))
      const samples: Sample[] = []
      results.forEach((result, i) => {
        const pid = targets[i] as number
        if (result.status === 'rejected') {
          if (pid === ownPid) throw result.reason
          return
        }
        const prefix = pid === ownPid ? 'process' : `pid_${pid}`
        const service = pid === ownPid ? undefined : `pid-${pid}`
        samples.push(
          { metric_name: `${prefix}_cpu_percent`, value: result.value.cpuPercent, unit: 'percent', service },
          {
            metric_name: `${prefix}_memory_rss_mb`,
            value: result.value.memoryBytes / MB,
            unit: 'MB',
            service,
          },
        )
      })
      return samples
    },
  }
}
