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

/** Where live memory was allocated: the Node counterpart of a tracemalloc top-stats line. */
export interface AllocationSite {
  function: string
  /** Script URL, or a V8 pseudo-location such as `(V8 API)` for native allocations. */
  url: string
  /** 1-based; 0 when V8 gives no line. */
  line: number
  bytes: number
  /** Share of all sampled live bytes. */
  percent: number
}

export interface MemorySnapshot {
  /** ISO-8601. */
  timestamp: string
  /** Sampled live bytes in total. */
  total_bytes: number
  top: AllocationSite[]
}
