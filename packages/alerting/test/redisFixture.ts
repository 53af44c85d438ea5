import { createLogger } from '@squeezeflow/core/logger'
import { createRedisConnection, type RedisConnection } from '@squeezeflow/core/redis'
import type { RedisServer } from '@squeezeflow/test-harness'
import type { AlertingRedis } from '../src/index.js'

/** A connection as the apps make them; typed as the package's narrow interface to prove it fits. */
export function connectTo(server: RedisServer, name: string): RedisConnection & AlertingRedis {
  const logger = createLogger({ service: 'alerting-test', level: 'ERROR', json: true })
  const connection = createRedisConnection({ host: server.host, port: server.port, name, logger })
  const narrow: AlertingRedis = connection
  void narrow
  return connection
}
