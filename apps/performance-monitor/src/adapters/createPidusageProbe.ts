import pidusage from 'pidusage'
import type { ProcessProbe } from '../collectors/types.js'

/** Process CPU and memory through pidusage (on Linux: /proc/<pid>/stat). */
export function createPidusageProbe(): ProcessProbe {
  return {
    async usage(pid) {
      const stat = await pidusage(pid)
      return { cpuPercent: stat.cpu, memoryBytes: stat.memory }
    },
    close: () => pidusage.clear(),
  }
}
