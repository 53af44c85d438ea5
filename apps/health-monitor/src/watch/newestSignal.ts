import { round2 } from './counterDelta.js'

/**
 * What the watch script (adapters/watch/redisWatchScript.ts) read about one `squeezeflow:signal:*` key.
 * `stamp` is the key's own time when it carries one: the `timestamp` field of a JSON string or a hash, the
 * highest score of a sorted set, the newest entry id of a stream. `idleSeconds` is OBJECT IDLETIME (null
 * under an LFU eviction policy, where Redis does not keep it).
 */
export interface SignalKeyReading {
  key: string
  stamp: string | number | null
  idleSeconds: number | null
}

export type SignalTimeSource = 'timestamp' | 'idle_time'

/**
 * Epoch ms of a time written as seconds, ms, µs or ns since the epoch (told apart by magnitude), a stream
 * id (`<ms>-<seq>`) or an ISO-8601 text; null for anything else.
 */
export function stampToMs(stamp: string | number): number | null {
  const text = String(stamp).trim()
  const streamId = /^(\d+)-\d+$/.exec(text)
  if (streamId?.[1]) return Number(streamId[1])
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text)
    if (n < 1e11) return Math.round(n * 1000)
    if (n < 1e14) return Math.round(n)
    if (n < 1e17) return Math.round(n / 1000)
    return Math.round(n / 1e6)
  }
  const parsed = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN
  return Number.isFinite(parsed) ? parsed : null
}

/**
 * A key's time: its own stamp when it has one, else the last access OBJECT IDLETIME reports — the last write
 * or read, so a signal read by a consumer looks younger than it is. Null when neither is known.
 */
export function signalKeyTime(
  reading: SignalKeyReading,
  nowMs: number,
): { ms: number; source: SignalTimeSource } | null {
  const stamped = reading.stamp === null ? null : stampToMs(reading.stamp)
  if (stamped !== null) return { ms: stamped, source: 'timestamp' }
  if (reading.idleSeconds !== null) return { ms: nowMs - reading.idleSeconds * 1000, source: 'idle_time' }
  return null
}

export interface NewestSignal {
  newest_key: string | null
  /** Seconds since the newest signal key was written; null when no key was found or none has a time. */
  newest_age_seconds: number | null
  time_source: SignalTimeSource | null
  keys_found: number
  /** Slots SCAN was asked to examine, at most SIGNAL_SCAN_LIMIT. */
  keys_examined: number
  /** False when the scan stopped at the limit: a newer key may exist beyond it. */
  scan_complete: boolean
}

export function newestSignal(
  readings: readonly SignalKeyReading[],
  scan: { examined: number; complete: boolean },
  nowMs: number,
): NewestSignal {
  let best: { key: string; ms: number; source: SignalTimeSource } | undefined
  for (const reading of readings) {
    const time = signalKeyTime(reading, nowMs)
    if (time !== null && (best === undefined || time.ms > best.ms)) best = { key: reading.key, ...time }
  }
  return {
    newest_key: best?.key ?? null,
    newest_age_seconds: best === undefined ? null : round2(Math.max(0, nowMs - best.ms) / 1000),
    time_source: best?.source ?? null,
    keys_found: readings.length,
    keys_examined: scan.examined,
    scan_complete: scan.complete,
  }
}
