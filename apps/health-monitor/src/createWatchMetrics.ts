import type { HealthCheck } from '@squeezeflow/core'
import { Gauge, type Registry } from 'prom-client'
import type { QueueDepth } from './watch/queueDepths.js'

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined)
const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined

/**
 * The watch figures of the latest cycle as gauges (README "Watch figures"). A figure not known this cycle
 * is dropped rather than left at its last value, so a scrape never shows a stale rate.
 */
export function createWatchMetrics(registry: Registry) {
  const registers = [registry]
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers })
  const writeRate = gauge(
    'squeezeflow_influx_write_points_per_second',
    'Points InfluxDB accepted over HTTP per second, over the last cycle',
  )
  const writeErrors = gauge(
    'squeezeflow_influx_write_error_percent',
    'InfluxDB error answers per write request over the last cycle, in percent',
  )
  const cpu = gauge('squeezeflow_container_cpu_percent', 'CPU of the service container', ['service'])
  const memory = gauge('squeezeflow_container_memory_bytes', 'Memory the container uses', ['service'])
  const memoryLimit = gauge(
    'squeezeflow_container_memory_limit_bytes',
    'Memory limit of the container (the host memory without one)',
    ['service'],
  )
  const oomKilled = gauge(
    'squeezeflow_container_oom_killed',
    '1 when the container was last stopped by the OOM killer',
    ['service'],
  )
  const hitRatio = gauge('squeezeflow_redis_cache_hit_ratio', 'Redis keyspace hits / lookups, last cycle')
  const ops = gauge('squeezeflow_redis_ops_per_second', 'Redis commands processed per second, last cycle')
  const queueDepth = gauge('squeezeflow_queue_depth', 'Entries in a QUEUE_KEYS queue', ['key'])
  const queuePending = gauge(
    'squeezeflow_queue_pending',
    'Entries delivered to a consumer group and not acknowledged',
    ['key', 'group'],
  )
  const signalRate = gauge('squeezeflow_signals_per_minute', 'Signals published per minute over 5 minutes')
  const signalAge = gauge(
    'squeezeflow_newest_signal_age_seconds',
    'Age of the newest squeezeflow:signal:* key',
  )

  const set = (g: Gauge, value: unknown, labels: Record<string, string> = {}) => {
    const n = num(value)
    if (n === undefined) g.remove(labels)
    else g.set(labels, n)
  }

  function recordContainer(service: string, details: Record<string, unknown>): void {
    const r = record(details.container_resources)
    const labels = { service }
    set(cpu, r?.cpu_percent, labels)
    set(memory, r?.memory_used_bytes, labels)
    set(memoryLimit, r?.memory_limit_bytes, labels)
    set(oomKilled, typeof r?.oom_killed === 'boolean' ? Number(r.oom_killed) : undefined, labels)
  }

  function recordQueues(details: Record<string, unknown> | undefined): void {
    queueDepth.reset()
    queuePending.reset()
    if (!Array.isArray(details?.queues)) return
    for (const q of details.queues as QueueDepth[]) {
      if (q.depth !== null) queueDepth.set({ key: q.key }, q.depth)
      for (const g of q.groups ?? []) queuePending.set({ key: q.key, group: g.group }, g.pending)
    }
  }

  return {
    record(results: ReadonlyMap<string, HealthCheck>): void {
      const influx = results.get('influxdb')?.details
      set(writeRate, influx?.write_rate_per_sec)
      set(writeErrors, influx?.write_error_percent)
      const redis = results.get('redis')?.details
      set(hitRatio, redis?.cache_hit_ratio)
      set(ops, redis?.ops_per_sec)
      recordQueues(redis)
      const runner = results.get('strategy_runner')?.details
      set(signalRate, runner?.signals_per_minute)
      set(signalAge, runner?.newest_signal_age_seconds)
      for (const result of results.values()) recordContainer(result.name, result.details)
    },
  }
}
