import { Session } from 'node:inspector/promises'
import type { HeapSampler, SamplingHeapProfile } from '../profiling/types.js'

/**
 * V8's sampling heap profiler through an in-process inspector session
 * (https://chromedevtools.github.io/devtools-protocol/v8/HeapProfiler/#method-startSampling). It samples
 * allocations at a mean interval, so its cost is low enough to leave on.
 */
export function createInspectorHeapSampler(): HeapSampler {
  const session = new Session()
  let connected = false
  return {
    async start(samplingIntervalBytes) {
      if (!connected) session.connect()
      connected = true
      await session.post('HeapProfiler.enable')
      await session.post('HeapProfiler.startSampling', { samplingInterval: samplingIntervalBytes })
    },
    async profile() {
      const { profile } = await session.post('HeapProfiler.getSamplingProfile')
      return profile as SamplingHeapProfile
    },
    async stop() {
      if (!connected) return
      await session.post('HeapProfiler.stopSampling').catch(() => undefined)
      session.disconnect()
      connected = false
    },
  }
}
