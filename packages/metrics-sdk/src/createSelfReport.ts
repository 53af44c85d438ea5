import type { Clock, MetricPoint } from '@squeezeflow/core'

export interface SelfReportCounters {
  /** Accepted points lost so far. */
  readonly dropped: number
  /** Points refused so far. */
  readonly rejected: number
}

/** Points to send along with the next round trip, and `commit()` to call once they are delivered. */
export interface PendingSelfReport {
  readonly points: MetricPoint[]
  commit(): void
}

/**
 * The SDK's own losses as cumulative counters, `sdk_dropped_points_total` and `sdk_rejected_points_total`,
 * sent with the next successful round trip whenever they have grown since the last one delivered. They are
 * not buffered, so a full buffer cannot push out the report of its own overflow.
 */
export function createSelfReport(service: string, clock: Clock, counters: () => SelfReportCounters) {
  let delivered: SelfReportCounters = { dropped: 0, rejected: 0 }
  return (): PendingSelfReport => {
    const now = counters()
    const timestamp = clock()
    const points: MetricPoint[] = []
    const point = (name: string, value: number): MetricPoint => {
      return { metric_name: name, value, unit: 'count', service, tags: {}, timestamp }
    }
    if (now.dropped > delivered.dropped) points.push(point('sdk_dropped_points_total', now.dropped))
    if (now.rejected > delivered.rejected) points.push(point('sdk_rejected_points_total', now.rejected))
    return {
      points,
      commit() {
        delivered = {
          dropped: Math.max(delivered.dropped, now.dropped),
          rejected: Math.max(delivered.rejected, now.rejected),
        }
      },
    }
  }
}
