import type { MetricPoint } from '@squeezeflow/core'
import type { RedisClient, RedisConnection } from '@squeezeflow/service-kit/redis'
import { createIngestBatch } from '../ingest/createIngestBatch.js'
import { appendMetricLists, type ListCommands, type MetricListOptions } from './appendMetricLists.js'

/** The dashboard key's TTL: 1 h, the documented default (README, "Redis keys"). */
const DASHBOARD_TTL_SECONDS = 3600

export interface RedisPublisher {
  /**
   * Opens the connection (in the background; Redis being away is not an error) and returns it, for the
   * shared alert state to use too. Idempotent.
   */
  open(): RedisConnection
  /** False until opened and whenever the connection is down: callers skip their writes then. */
  isReady(): boolean
  state(): string
  lastError(): string | undefined
  /** Appends points to their `<prefix>:metrics:<name>` lists in one round trip. */
  writeLists(points: readonly MetricPoint[]): Promise<void>
  /** HGETALL `<prefix>:alert_rules`: rule name → JSON rule (docs/contracts/README.md). */
  readAlertRules(): Promise<Record<string, string>>
  /** SET `<prefix>:dashboard:performance` EX 3600. */
  writeDashboard(json: string): Promise<void>
  close(): Promise<void>
}

/**
 * Everything performance-monitor writes to Redis besides the ingest acknowledgements, over a connection of its
 * own that `open()` creates: the monitor builds this handle at construction and opens it in `start()`.
 */
export function createRedisPublisher(
  connect: () => RedisConnection,
  options: MetricListOptions,
): RedisPublisher {
  const { keys } = options
  let connection: RedisConnection | undefined
  const client = (): RedisClient => {
    if (!connection) throw new Error('redis connection not opened')
    return connection.client
  }
  return {
    open() {
      connection ??= connect()
      return connection
    },
    isReady: () => connection?.isReady() ?? false,
    state: () => connection?.state() ?? 'closed',
    lastError: () => connection?.lastError(),
    async writeLists(points) {
      if (points.length === 0) return
      const batch = createIngestBatch()
      for (const point of points) batch.add(point, point.value, point.timestamp)
      const pipeline = client().multi()
      appendMetricLists(pipeline as unknown as ListCommands, batch.metrics, options)
      await pipeline.execAsPipeline()
    },
    readAlertRules: () => client().hGetAll(keys.alertRules),
    async writeDashboard(json) {
      await client().set(keys.performanceDashboard, json, { EX: DASHBOARD_TTL_SECONDS })
    },
    async close() {
      await connection?.close()
    },
  }
}
