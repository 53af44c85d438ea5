import type { MetricPoint, RedisKeys } from '@squeezeflow/core'

/** The commands of a MULTI or pipeline that this module needs; both node-redis builders have them. */
export interface ListCommands {
  lPush(key: string, elements: string[]): unknown
  lTrim(key: string, start: number, stop: number): unknown
  expire(key: string, seconds: number): unknown
}

export interface MetricListOptions {
  keys: RedisKeys
  /** Points kept per list. Default in config: 1000. */
  length: number
  ttlSeconds: number
}

/**
 * Queues, per metric, LPUSH of its points (oldest first, so the newest ends up at the head), LTRIM to the newest
 * `length` and EXPIRE: `<prefix>:metrics:<name>` stays newest first, bounded and expiring.
 */
export function appendMetricLists(
  commands: ListCommands,
  points: readonly MetricPoint[],
  options: MetricListOptions,
) {
  const byName = new Map<string, MetricPoint[]>()
  for (const point of points) {
    const list = byName.get(point.metric_name)
    if (list) list.push(point)
    else byName.set(point.metric_name, [point])
  }
  for (const [name, list] of byName) {
    const key = options.keys.metric(name)
    const newest = list.sort((a, b) => a.timestamp - b.timestamp).slice(-options.length)
    commands.lPush(
      key,
      newest.map((p) => JSON.stringify(p)),
    )
    commands.lTrim(key, 0, options.length - 1)
    commands.expire(key, options.ttlSeconds)
  }
}
