import { createLogger, type Logger } from '@squeezeflow/service-kit/logger'
import { createRedisConnection, type RedisConnection } from '@squeezeflow/service-kit/redis'
import { isIngestClient, type ResolvedOptions } from './resolveOptions.js'
import type { IngestClient } from './types.js'

export interface IngestConnection {
  readonly client: IngestClient
  /** The connection's last error while it is not ready. */
  notReadyReason(): string | undefined
  /** Resolves once a first connection attempt has succeeded or failed (at most `timeoutMs`). */
  settled(timeoutMs: number): Promise<void>
  onReady(listener: () => void): void
  /** Closes the connection if the SDK opened it; a caller's client is left alone. */
  close(): Promise<void>
}

/** Opens the SDK's own connection (core's: reconnects forever, no offline queue), or wraps the caller's client. */
export function connectIngestClient(options: ResolvedOptions, logger?: Logger): IngestConnection {
  const { redis, service } = options
  if (isIngestClient(redis)) {
    return {
      client: redis,
      notReadyReason: () => undefined,
      settled: async () => undefined,
      onReady: () => undefined,
      close: async () => undefined,
    }
  }
  const connection = createRedisConnection({
    host: redis.host,
    port: redis.port,
    db: redis.db ?? 0,
    ...(redis.password === undefined ? {} : { password: redis.password }),
    name: `metrics-sdk:${service}`,
    logger: logger ?? createLogger({ service, level: 'WARNING' }),
  })
  return {
    client: connection.client,
    notReadyReason: () => connection.lastError(),
    settled: (timeoutMs) => firstAttemptSettled(connection, timeoutMs),
    onReady: (listener) => connection.onReady(listener),
    close: () => connection.close(),
  }
}

function firstAttemptSettled(connection: RedisConnection, timeoutMs: number): Promise<void> {
  const { client } = connection
  if (connection.state() !== 'connecting') return Promise.resolve()
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      client.off('ready', done)
      client.off('error', done)
      resolve()
    }
    const timer = setTimeout(done, timeoutMs)
    client.once('ready', done)
    client.once('error', done)
  })
}
