import type { RedisConnection } from '@squeezeflow/service-kit/redis'
import { compareStreamIds } from '../ingest/compareStreamIds.js'
import type { IngestStream, StreamEntry } from '../ingest/types.js'
import { appendMetricLists, type ListCommands, type MetricListOptions } from './appendMetricLists.js'

export interface RedisIngestStreamOptions extends MetricListOptions {
  /** A connection of its own: a blocked XREADGROUP holds it. */
  connection: RedisConnection
  group: string
  consumer: string
  /** Entries per read. */
  count: number
  /** How long a read of new entries waits, in ms. */
  blockMs: number
}

/** RESP2 reply of XREADGROUP: [[stream, [[id, [field, value, …] | null], …]], …] or null. */
type RawReadReply = Array<[string, Array<[string, string[] | null]>]> | null

const toFields = (flat: string[]): Record<string, string> => {
  const fields: Record<string, string> = {}
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i] as string] = flat[i + 1] as string
  return fields
}

/** The ingest stream through a Redis consumer group (XGROUP CREATE … MKSTREAM, XREADGROUP, XACK). */
export function createRedisIngestStream(options: RedisIngestStreamOptions): IngestStream {
  const { connection, group, consumer, count, blockMs, keys } = options
  const streamKey = keys.metricsIngestStream
  const client = connection.client

  return {
    isReady: () => connection.isReady(),
    async ensureGroup() {
      try {
        // From the start of the stream: whatever the SDK wrote before this service ever ran is ingested too.
        await client.xGroupCreate(streamKey, group, '0', { MKSTREAM: true })
      } catch (err) {
        if (!(err instanceof Error && err.message.startsWith('BUSYGROUP'))) throw err
      }
    },
    async read(kind) {
      // Raw command: node-redis 5.9's reply transformer throws on the null fields of a pending entry that MAXLEN
      // trimmed away, and those must still be read so they can be acknowledged.
      const block = kind === 'pending' ? [] : ['BLOCK', String(blockMs)]
      const id = kind === 'pending' ? '0' : '>'
      const args = [
        'XREADGROUP',
        'GROUP',
        group,
        consumer,
        'COUNT',
        String(count),
        ...block,
        'STREAMS',
        streamKey,
        id,
      ]
      const reply = (await client.sendCommand(args)) as RawReadReply
      const entries: StreamEntry[] = []
      for (const [, messages] of reply ?? []) {
        for (const [entryId, flat] of messages) entries.push({ id: entryId, fields: flat && toFields(flat) })
      }
      return entries
    },
    async acknowledge(ids, lists) {
      const pipeline = client.multi()
      appendMetricLists(pipeline as unknown as ListCommands, lists, options)
      pipeline.xAck(streamKey, group, [...ids])
      const newest = ids.reduce((a, b) => (compareStreamIds(a, b) >= 0 ? a : b))
      // `~`: Redis trims whole nodes only, which is cheap; a few acknowledged entries may stay a little longer.
      pipeline.xTrim(streamKey, 'MINID', newest, { strategyModifier: '~' })
      await pipeline.execAsPipeline()
    },
    async writeLists(lists) {
      const pipeline = client.multi()
      appendMetricLists(pipeline as unknown as ListCommands, lists, options)
      await pipeline.execAsPipeline()
    },
    async footprint() {
      const [bytes, entries] = await Promise.all([client.memoryUsage(streamKey), client.xLen(streamKey)])
      return { bytes: bytes ?? 0, entries }
    },
    async trimToLength(maxEntries) {
      return client.xTrim(streamKey, 'MAXLEN', maxEntries, { strategyModifier: '~' })
    },
    async lag() {
      const groups = (await client.xInfoGroups(streamKey)) as unknown as Array<Record<string, unknown>>
      const lag = groups.find((g) => g.name === group)?.lag
      return typeof lag === 'number' ? lag : undefined
    },
    async close() {
      // destroy, not a graceful close: that would wait for a blocked read to time out first.
      if (client.isOpen) client.destroy()
    },
  }
}
