import { createLogger } from '@squeezeflow/service-kit/logger'
import { createRedisConnection } from '@squeezeflow/service-kit/redis'

export interface RedisKeysFootprint {
  /** Keys under `<prefix>:*`. */
  keys: number
  /** Sum of MEMORY USAGE over those keys (exact: SAMPLES 0). */
  keyBytes: number
  /** The three largest. */
  largest: Array<{ key: string; bytes: number }>
  /** INFO memory's used_memory: everything the server holds. */
  usedMemory: number
}

/** What the monitoring keys cost a Redis on 127.0.0.1:`port`, key by key and in total. */
export async function measureRedisKeys(port: number, prefix: string): Promise<RedisKeysFootprint> {
  const logger = createLogger({ service: 'bench', level: 'ERROR', json: true })
  const connection = createRedisConnection({ host: '127.0.0.1', port, name: 'bench', logger })
  const { client } = connection
  try {
    await new Promise<void>((resolve) => connection.onReady(resolve))
    const sizes: Array<{ key: string; bytes: number }> = []
    for await (const batch of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 })) {
      for (const key of batch)
        sizes.push({ key, bytes: (await client.memoryUsage(key, { SAMPLES: 0 })) ?? 0 })
    }
    const info = await client.info('memory')
    sizes.sort((a, b) => b.bytes - a.bytes)
    return {
      keys: sizes.length,
      keyBytes: sizes.reduce((sum, s) => sum + s.bytes, 0),
      largest: sizes.slice(0, 3),
      usedMemory: Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? 0),
    }
  } finally {
    await connection.close()
  }
}
