import { type Clock, type RedisKeys, systemClock } from '@squeezeflow/core'
import type { RedisConnection } from '@squeezeflow/service-kit/redis'
import type { RedisStatsSource } from '../checks/createRedisCheck.js'
import { infoNumber, parseRedisInfo } from './parseRedisInfo.js'

/**
 * Reads for the redis and performance_monitor checks and the runtime alert rules; each
 * rejects while Redis is away.
 * The connection is taken when a read runs: the monitor opens it in `start()`, after the checks are built.
 */
export function createRedisStats(
  connection: () => RedisConnection | undefined,
  keys: RedisKeys,
  clock: Clock = systemClock,
) {
  function ready(): RedisConnection['client'] {
    const redis = connection()
    if (redis === undefined) throw new Error('not connected (not started)')
    if (!redis.isReady()) throw new Error(`not connected (${redis.lastError() ?? redis.state()})`)
    return redis.client
  }

  const stats: RedisStatsSource = {
    async sample() {
      const client = ready()
      const started = performance.now()
      await client.ping()
      const pingMs = Math.round((performance.now() - started) * 100) / 100
      const info = parseRedisInfo(await client.info())
      return {
        pingMs,
        version: info.get('redis_version'),
        usedMemoryBytes: infoNumber(info, 'used_memory'),
        connectedClients: infoNumber(info, 'connected_clients'),
        uptimeSeconds: infoNumber(info, 'uptime_in_seconds'),
        info: { atMs: clock(), info },
      }
    },
  }

  async function readDashboard(): Promise<string | null> {
    return ready().get(keys.performanceDashboard)
  }

  /** The runtime alert rules hash (docs/contracts/README.md): rule name → JSON text. */
  async function readAlertRules(): Promise<Record<string, string>> {
    return ready().hGetAll(keys.alertRules)
  }

  return { stats, readDashboard, readAlertRules, client: ready }
}
