import type { Alert, MetricPoint } from '@squeezeflow/core'
import type { RedisConnection } from '@squeezeflow/service-kit/redis'
import { appendMetricLists, type ListCommands, type MetricListOptions } from './appendMetricLists.js'

/** The dashboard key's TTL: 1 h, the documented default (README, "Redis keys"). */
const DASHBOARD_TTL_SECONDS = 3600

export interface RedisPublisher {
  /** Appends points to their `<prefix>:metrics:<name>` lists in one round trip. */
  writeLists(points: readonly MetricPoint[]): Promise<void>
  /** PUBLISH on `<prefix>:performance_alerts`. */
  publishAlert(alert: Alert): Promise<void>
  /** SET `<prefix>:dashboard:performance` EX 3600. */
  writeDashboard(json: string): Promise<void>
}

/** Everything performance-monitor writes to Redis besides the ingest acknowledgements. */
export function createRedisPublisher(
  connection: RedisConnection,
  options: MetricListOptions,
): RedisPublisher {
  const { keys } = options
  return {
    async writeLists(points) {
      if (points.length === 0) return
      const pipeline = connection.client.multi()
      appendMetricLists(pipeline as unknown as ListCommands, points, options)
      await pipeline.execAsPipeline()
    },
    async publishAlert(alert) {
      await connection.client.publish(keys.performanceAlertsChannel, JSON.stringify(alert))
    },
    async writeDashboard(json) {
      await connection.client.set(keys.performanceDashboard, json, { EX: DASHBOARD_TTL_SECONDS })
    },
  }
}
