import type { Clock, HealthStatus } from '@squeezeflow/core'
import {
  type BucketWrite,
  dailyUptime,
  decodeBuckets,
  emptyBuckets,
  observe,
  type ServiceBuckets,
  type UptimeFigures,
  type UptimeWindow,
  uptimeOf,
} from './statusBuckets.js'

/** What `/health/service/{name}` and `squeezeflow_service_uptime_ratio{service,window}` show. */
export interface ServiceUptime extends UptimeFigures {
  service: string
  window: UptimeWindow
}

export interface StatusHistoryOptions {
  clock: Clock
  /** The check interval: the most time one check result vouches for. */
  intervalMs: number
}

function merge(into: ServiceBuckets, loaded: ServiceBuckets): void {
  for (const code of ['m', 'h', 'd'] as const) {
    for (const [slot, bucket] of loaded.rings[code]) {
      const mine = into.rings[code].get(slot)
      if (!mine || mine.start < bucket.start) into.rings[code].set(slot, { ...bucket })
      else if (mine.start === bucket.start) {
        mine.upMs += bucket.upMs
        mine.downMs += bucket.downMs
      }
    }
  }
  if (loaded.lastAt !== undefined) into.lastAt = Math.max(into.lastAt ?? loaded.lastAt, loaded.lastAt)
}

/**
 * The status history of every service in memory, persisted by the caller: `record` returns what changed,
 * `restore` takes what Redis held. Buckets recorded before a restore (Redis was unreachable at start, so
 * nothing was saved either) are added to the restored ones.
 */
export function createStatusHistory({ clock, intervalMs }: StatusHistoryOptions) {
  const services = new Map<string, ServiceBuckets>()
  const bucketsOf = (service: string): ServiceBuckets => {
    let buckets = services.get(service)
    if (!buckets) {
      buckets = emptyBuckets()
      services.set(service, buckets)
    }
    return buckets
  }

  return {
    /** Records one cycle's statuses observed at `at`; returns the changed hash fields per service. */
    record(
      statuses: Iterable<{ name: string; status: HealthStatus }>,
      at: number,
    ): Map<string, BucketWrite[]> {
      const writes = new Map<string, BucketWrite[]>()
      for (const { name, status } of statuses) {
        const changed = observe(bucketsOf(name), at, status, intervalMs)
        if (changed.length > 0) writes.set(name, changed)
      }
      return writes
    },
    restore(service: string, hash: Record<string, string>): void {
      merge(bucketsOf(service), decodeBuckets(hash))
    },
    uptime(service: string, window: UptimeWindow): ServiceUptime {
      const figures = uptimeOf(services.get(service) ?? emptyBuckets(), window, clock())
      return { service, window, ...figures }
    },
    daily(service: string, days?: number) {
      return dailyUptime(services.get(service) ?? emptyBuckets(), clock(), days)
    },
  }
}

export type StatusHistory = ReturnType<typeof createStatusHistory>
