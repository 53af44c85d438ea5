import { errorMessage } from '@squeezeflow/core'
import { createClient } from 'redis'
import type { Logger } from '../logger/createLogger.js'

export type RedisClient = ReturnType<typeof createClient>
export type RedisConnectionState = 'connecting' | 'ready' | 'reconnecting' | 'closed'

export interface RedisConnectionOptions {
  host: string
  port: number
  db?: number
  /** AUTH password, when Redis requires one. */
  password?: string
  /** Shown in logs and in `CLIENT LIST`. */
  name: string
  logger: Logger
  /** Cap of the reconnect backoff, in ms. Default 5000. */
  maxBackoffMs?: number
}

export interface RedisConnection {
  readonly client: RedisClient
  state(): RedisConnectionState
  isReady(): boolean
  /** The last connection error, if the connection is not ready. */
  lastError(): string | undefined
  /** Called every time the connection becomes ready (first connect and every reconnect). */
  onReady(listener: () => void): void
  close(): Promise<void>
}

/**
 * A Redis client that never crashes its process: it connects in the background, reconnects forever with
 * capped exponential backoff, and fails commands at once while disconnected (no offline queue), so a
 * caller's timeout or fallback runs instead of a command hanging until Redis returns.
 */
export function createRedisConnection(options: RedisConnectionOptions): RedisConnection {
  const { host, port, db = 0, password, name, logger, maxBackoffMs = 5000 } = options
  const log = logger.child({ module: 'redis', connection: name })
  let state: RedisConnectionState = 'connecting'
  let lastError: string | undefined
  const readyListeners: Array<() => void> = []

  const client = createClient({
    socket: {
      host,
      port,
      connectTimeout: 5000,
      reconnectStrategy: (retries) => Math.min(100 * 2 ** Math.min(retries, 10), maxBackoffMs),
    },
    database: db,
    ...(password === undefined ? {} : { password }),
    name,
    disableOfflineQueue: true,
  })

  client.on('error', (err: Error) => {
    // Reported once per change, not once per retry, so a long outage does not flood the log.
    if (lastError !== err.message) log.warn('redis connection error', { err })
    lastError = err.message
  })
  client.on('reconnecting', () => {
    state = 'reconnecting'
  })
  client.on('ready', () => {
    if (state !== 'connecting') log.info('redis connection restored', { host, port })
    else log.info('redis connected', { host, port })
    state = 'ready'
    lastError = undefined
    for (const listener of readyListeners) listener()
  })
  client.on('end', () => {
    state = 'closed'
  })

  client.connect().catch((err: unknown) => {
    lastError = errorMessage(err)
    log.warn('redis connect failed', { err })
  })

  return {
    client,
    state: () => state,
    isReady: () => client.isReady,
    lastError: () => lastError,
    onReady(listener) {
      readyListeners.push(listener)
      if (client.isReady) listener()
    },
    async close() {
      state = 'closed'
      // A graceful close waits for a reconnecting socket forever; only a ready client can say goodbye.
      if (client.isReady) await client.close().catch(() => client.destroy())
      else if (client.isOpen) client.destroy()
    },
  }
}
