import type { Alert } from '@squeezeflow/core'

/**
 * The Redis commands this package uses. node-redis v5's client (`RedisConnection.client` from
 * `@squeezeflow/service-kit/redis`) satisfies it; tests may pass the same.
 */
export interface AlertingRedisClient {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>
  hGetAll(key: string): Promise<Record<string, string>>
  zRange(key: string, min: number, max: number): Promise<string[]>
  zRem(key: string, members: string[]): Promise<number>
  get(key: string): Promise<string | null>
}

/** What the package needs of a Redis connection: core's `RedisConnection` fits as it is. */
export interface AlertingRedis {
  readonly client: AlertingRedisClient
  isReady(): boolean
}

/** The shared state of one alert, as kept in its Redis hash (times in ms since the epoch). */
export interface AlertRecord {
  state: 'firing' | 'resolved'
  /** When the alert started firing (Alertmanager's `startsAt`). */
  since: number
  /** When it was last announced on the channel (firing, repeat or resolved). */
  lastNotified: number
  /** When an instance last said its condition still holds (`markActive`). */
  seenAt?: number
  /** When it resolved; undefined while firing. */
  resolvedAt?: number
  /** Compare-and-set revision: every claimed transition increments it. */
  rev: number
  /** The alert as last announced: identity, severity, message, value, threshold, duration. */
  alert: Alert
}

/** The kinds of transition a monitor announces. */
export type TransitionKind = 'fire' | 'repeat' | 'resolve'
