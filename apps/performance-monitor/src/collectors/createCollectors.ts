import type { HostProbe } from '@squeezeflow/service-kit/host'
import { createHeapCollector } from './createHeapCollector.js'
import { createProcessCollector } from './createProcessCollector.js'
import { createSystemCollector } from './createSystemCollector.js'
import type { Collector, ProcessProbe } from './types.js'

export interface CollectorsOptions {
  hostProbe: HostProbe
  processProbe: ProcessProbe
  diskPath: string
  monitoredPids: readonly number[]
  /** Adds the V8 heap collector (ENABLE_MEMORY_TRACKING). */
  memoryTracking: boolean
  clock: () => number
}

/** The collectors of one collection cycle, in a fixed order. */
export function createCollectors(options: CollectorsOptions): Collector[] {
  const { hostProbe, processProbe, diskPath, monitoredPids, memoryTracking, clock } = options
  return [
    createSystemCollector({ probe: hostProbe, diskPath, clock }),
    createProcessCollector({ probe: processProbe, ownPid: process.pid, pids: monitoredPids }),
    ...(memoryTracking ? [createHeapCollector()] : []),
  ]
}
