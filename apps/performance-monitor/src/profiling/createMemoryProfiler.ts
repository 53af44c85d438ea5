import type { MemorySnapshot } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'
import { topAllocationSites } from './topAllocationSites.js'
import type { HeapSampler } from './types.js'

export interface MemoryProfilerOptions {
  sampler: HeapSampler
  /** Mean bytes between samples (V8's samplingInterval). */
  samplingIntervalBytes: number
  clock: () => number
  logger: Logger
  /** Snapshots kept, newest last. Default 100. */
  keep?: number
  /** Allocation sites per snapshot. Default 20. */
  topSites?: number
}

export interface MemoryProfiler {
  start(): Promise<void>
  /** Takes one snapshot of the top allocation sites of live memory. */
  snapshot(): Promise<MemorySnapshot>
  snapshots(): MemorySnapshot[]
  stop(): Promise<void>
}

/** The sampling heap profiler kept running, read into a bounded history of top allocation sites. */
export function createMemoryProfiler(options: MemoryProfilerOptions): MemoryProfiler {
  const { sampler, samplingIntervalBytes, clock, keep = 100, topSites = 20 } = options
  const log = options.logger.child({ module: 'profiling' })
  const history: MemorySnapshot[] = []
  let started = false
  return {
    async start() {
      await sampler.start(samplingIntervalBytes)
      started = true
      log.info('heap sampling started', { samplingIntervalBytes })
    },
    async snapshot() {
      if (!started) throw new Error('heap profiler is not running')
      const { total, top } = topAllocationSites(await sampler.profile(), topSites)
      const snapshot = { timestamp: new Date(clock()).toISOString(), total_bytes: total, top }
      history.push(snapshot)
      if (history.length > keep) history.splice(0, history.length - keep)
      return snapshot
    },
    snapshots: () => [...history],
    async stop() {
      if (!started) return
      started = false
      await sampler.stop()
    },
  }
}
