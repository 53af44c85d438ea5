import { INGEST_FIELD_V2, withTimeout } from '@squeezeflow/core'
import { createBacklogEntryLimit } from './backlogEntryLimit.js'
import type { Shipper } from './Flusher.js'
import type { IngestClient } from './types.js'

export interface RedisShipperOptions {
  /** `<prefix>:ingest:metrics`. */
  readonly streamKey: string
  /** Upper bound of `MAXLEN ~`, in entries. */
  readonly streamMaxLen: number
  /** The stream's memory budget: `MAXLEN ~` keeps about this many bytes of entries of the size written. */
  readonly backlogMaxBytes: number
  readonly timeoutMs: number
  /** Reason to give while the client is not ready; default "redis is not connected". */
  readonly notReadyReason?: () => string | undefined
}

/**
 * The SDK's only Redis adapter: one `XADD <stream> MAXLEN ~ n * c <v2 entry>` per entry, all entries of a flush
 * in one round trip (a single XADD, or one MULTI/EXEC pipeline). A timed-out round trip may still land later,
 * and its points are retried: delivery is at least once.
 */
export function createRedisShipper(client: IngestClient, options: RedisShipperOptions): Shipper {
  const { streamKey, timeoutMs } = options
  const limit = createBacklogEntryLimit(options.backlogMaxBytes, options.streamMaxLen)
  // Entries are JSON of ASCII names and numbers, so a character is a byte (closely enough for a budget).
  const xadd = (entry: string) => [
    'XADD',
    streamKey,
    'MAXLEN',
    '~',
    String(limit.next(entry.length)),
    '*',
    INGEST_FIELD_V2,
    entry,
  ]
  return {
    unavailable() {
      if (client.isReady) return undefined
      return options.notReadyReason?.() ?? 'redis is not connected'
    },
    async ship(entries) {
      const [first] = entries
      if (first === undefined) return
      if (entries.length === 1) {
        await withTimeout(client.sendCommand(xadd(first)), timeoutMs, 'redis round trip')
        return
      }
      const multi = client.multi()
      for (const entry of entries) multi.addCommand(xadd(entry))
      await withTimeout(multi.exec(), timeoutMs, 'redis round trip')
    },
  }
}
