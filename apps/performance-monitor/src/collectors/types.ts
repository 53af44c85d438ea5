/** One value a collector measured; the cycle stamps time and, unless given, this service's name. */
export interface Sample {
  metric_name: string
  value: number
  unit: string
  service?: string
}

/** One source of metrics, e.g. the system or a process. A failure throws and stays within its cycle. */
export interface Collector {
  readonly name: string
  collect(): Promise<Sample[]>
}

/** CPU (percent of one core) and resident memory of a process, as pidusage reports them. */
export interface ProcessProbe {
  usage(pid: number): Promise<{ cpuPercent: number; memoryBytes: number }>
  /** Forgets per-process history kept between calls. */
  close(): void
}
