export interface UsageFigures {
  usedBytes: number
  totalBytes: number
  /** 0–100. */
  percent: number
}

/**
 * The host's figures, as both services report them; each may fail alone (it throws, naming what is
 * unavailable). Nothing is cached: callers sample once per cycle.
 */
export interface HostProbe {
  /** CPU busy since the previous reading (the first: over 200 ms), 0–100 across all cores. */
  cpuPercent(): Promise<number>
  memory(): Promise<UsageFigures>
  /** The filesystem holding `path`, counted as `df` does. */
  disk(path: string): Promise<UsageFigures>
  /** 1, 5 and 15 minute load averages. */
  loadAverage(): Promise<[number, number, number]>
  /** Bytes received and sent over every interface but loopback, since boot. */
  networkTotals(): Promise<{ rxBytes: number; txBytes: number }>
}
