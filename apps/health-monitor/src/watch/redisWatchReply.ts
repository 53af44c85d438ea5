import type { SignalKeyReading } from './newestSignal.js'
import { type QueueDepth, queueDepths } from './queueDepths.js'

/** The signal counter as Redis answered: its text (null when absent), or the error GET met. */
export type SignalCounterReading = { raw: string | null } | { error: string }

export interface SignalKeysReading {
  readings: SignalKeyReading[]
  /** Slots SCAN was asked to examine, at most SIGNAL_SCAN_LIMIT. */
  examined: number
  /** False when the scan stopped at the limit before the cursor wrapped. */
  complete: boolean
  /** Where SCAN stopped: `0` once it wrapped. */
  cursor: string
}

/** Every Redis watch figure of one cycle, as one call read them. */
export interface RedisWatchReading {
  /** When the reading was taken (epoch ms): ages are counted from it. */
  atMs: number
  counter: SignalCounterReading
  signals: SignalKeysReading
  queues: QueueDepth[]
}

const isText = (v: unknown): v is string => typeof v === 'string'

function counterOf(reply: unknown): SignalCounterReading {
  const [raw, error] = Array.isArray(reply) ? reply : []
  if (isText(error)) return { error }
  return { raw: isText(raw) ? raw : null }
}

function signalsOf(reply: unknown): SignalKeysReading {
  const [examined, complete, rows, cursor] = Array.isArray(reply) ? reply : []
  if (typeof examined !== 'number' || !Array.isArray(rows)) {
    throw new TypeError('signal scan reply is not [examined, complete, keys]')
  }
  const readings = rows.map((row): SignalKeyReading => {
    const [key, stamp, idle] = Array.isArray(row) ? row : []
    return {
      key: String(key),
      stamp: isText(stamp) || typeof stamp === 'number' ? stamp : null,
      idleSeconds: typeof idle === 'number' ? idle : null,
    }
  })
  return { readings, examined, complete: complete === 1, cursor: isText(cursor) ? cursor : '0' }
}

/** One scan continued by another from its cursor: their keys (a key SCAN returned twice once) and counts. */
export function continueSignalScan(first: SignalKeysReading, next: SignalKeysReading): SignalKeysReading {
  const byKey = new Map(first.readings.map((r) => [r.key, r]))
  for (const reading of next.readings) byKey.set(reading.key, reading)
  return {
    readings: [...byKey.values()],
    examined: first.examined + next.examined,
    complete: next.complete,
    cursor: next.cursor,
  }
}

/**
 * The reply of the watch script (adapters/watch/redisWatchScript.ts), or of its pipelined stand-in, which
 * answers in the same shape. Throws on a reply of another shape.
 */
export function parseRedisWatchReply(
  reply: unknown,
  queueKeys: readonly string[],
  atMs: number,
): RedisWatchReading {
  if (!Array.isArray(reply) || reply.length !== 3) {
    throw new TypeError('watch reply is not [counter, signals, queues]')
  }
  const [counter, signals, queues] = reply
  return {
    atMs,
    counter: counterOf(counter),
    signals: signalsOf(signals),
    queues: queueDepths(queueKeys, queues),
  }
}

/**
 * The counter's value, null when the key is absent. Throws what GET met (e.g. WRONGTYPE) or, for text that
 * is not a number, says what the key holds: the strategy_runner check reports either as unknown.
 */
export function signalCounterValue(counter: SignalCounterReading, key: string): number | null {
  if ('error' in counter) throw new Error(counter.error)
  if (counter.raw === null) return null
  const value = Number(counter.raw)
  if (!Number.isFinite(value)) throw new Error(`${key} holds ${JSON.stringify(counter.raw)}, not a number`)
  return value
}
