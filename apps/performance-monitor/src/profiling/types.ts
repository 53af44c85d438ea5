/** The parts of V8's SamplingHeapProfile (HeapProfiler.getSamplingProfile) this service reads. */
export interface SamplingHeapProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
  /** Bytes of sampled allocations still alive whose top frame is this node. */
  selfSize: number
  children: SamplingHeapProfileNode[]
}

export interface SamplingHeapProfile {
  head: SamplingHeapProfileNode
}

/** The sampling heap profiler of this process (node:inspector). */
export interface HeapSampler {
  start(samplingIntervalBytes: number): Promise<void>
  profile(): Promise<SamplingHeapProfile>
  stop(): Promise<void>
}
