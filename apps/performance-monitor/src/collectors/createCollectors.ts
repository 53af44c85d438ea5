import { createHeapCollector } from './createHeapCollector.js'
import { createProcessCollector } from './createProcessCollector.js'
import { createSystemCollector } from './createSystemCollector.js'
import type { Collector, ProcessProbe, SystemProbe } from './types.js'

export interface CollectorsOptions {
  systemProbe: SystemProbe
  processProbe: ProcessProbe
  diskPath: string
  monitoredPids: readonly number[]
  /** Adds the V8 heap collector (ENABLE_MEMORY_TRACKING). */
  memoryTracking: boolean
  clock: () => number
}

/** The collectors of one collection cycle, in a fixed order. */
export function createCollectors(options: CollectorsOptions): Collector[] {
  const { systemProbe, processProbe, diskPath, monitoredPids, memoryTracking, clock } = options
  return [
    createSystemCollector({ probe: systemProbe, diskPath, clock }),
    createProcessCollector({ probe: processProbe, ownPid: process.pid, pids: monitoredPids }),
    ...(memoryTracking ? [createHeapCollector()] : []),
  ]
}
