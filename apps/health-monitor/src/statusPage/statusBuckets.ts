import type { HealthStatus } from '@squeezeflow/core'

/**
 * Per-service status history as fixed-size rings of time buckets, one ring per tier. A bucket holds how long
 * the service was checked and up (healthy or degraded) or down (unhealthy or critical); time nobody checked is
 * in no bucket, so it counts as unknown and never as up. A ring slot is reused when its bucket falls out of
 * the tier's retention, which bounds memory (and the Redis hash, see the README's "Redis keys") by design.
 */
export const TIERS = {
  m: { lengthMs: 60_000, count: 1440 },
  h: { lengthMs: 3_600_000, count: 720 },
  d: { lengthMs: 86_400_000, count: 90 },
} as const
export type TierCode = keyof typeof TIERS
const TIER_CODES = Object.keys(TIERS) as TierCode[]

export const UPTIME_WINDOWS = ['24h', '7d', '30d', '90d'] as const
export type UptimeWindow = (typeof UPTIME_WINDOWS)[number]

/** Which tier answers a window, and how many of its buckets (the current one included) the window spans. */
const WINDOWS: Record<UptimeWindow, { tier: TierCode; buckets: number }> = {
  '24h': { tier: 'm', buckets: 1440 },
  '7d': { tier: 'h', buckets: 168 },
  '30d': { tier: 'h', buckets: 720 },
  '90d': { tier: 'd', buckets: 90 },
}

export function isUptimeWindow(value: unknown): value is UptimeWindow {
  return typeof value === 'string' && (UPTIME_WINDOWS as readonly string[]).includes(value)
}

export interface Bucket {
  /** Epoch ms, a multiple of the tier's length (days start at 00:00 UTC). */
  start: number
  upMs: number
  downMs: number
}

export interface ServiceBuckets {
  rings: Record<TierCode, Map<number, Bucket>>
  /** Epoch ms of the last observation; a check never vouches for time before it. */
  lastAt: number | undefined
}

/** A bucket that changed: `field` and `value` as stored in the service's Redis hash. */
export interface BucketWrite {
  field: string
  value: string
}

export interface UptimeFigures {
  /** Share of checked time that was up; null when nothing in the window was checked. */
  ratio: number | null
  checked_seconds: number
  unknown_seconds: number
}

export const LAST_FIELD = 'last'

export function emptyBuckets(): ServiceBuckets {
  return { rings: { m: new Map(), h: new Map(), d: new Map() }, lastAt: undefined }
}

const isUp = (status: HealthStatus) => status === 'healthy' || status === 'degraded'

function addSpan(buckets: ServiceBuckets, from: number, to: number, up: boolean): BucketWrite[] {
  const writes: BucketWrite[] = []
  for (const code of TIER_CODES) {
    const { lengthMs, count } = TIERS[code]
    for (let start = Math.floor(from / lengthMs) * lengthMs; start < to; start += lengthMs) {
      const overlap = Math.min(to, start + lengthMs) - Math.max(from, start)
      const slot = Math.floor(start / lengthMs) % count
      const ring = buckets.rings[code]
      let bucket = ring.get(slot)
      if (!bucket || bucket.start !== start) {
        bucket = { start, upMs: 0, downMs: 0 }
        ring.set(slot, bucket)
      }
      if (up) bucket.upMs += overlap
      else bucket.downMs += overlap
      writes.push({ field: `${code}:${slot}`, value: `${start / 1000} ${bucket.upMs} ${bucket.downMs}` })
    }
  }
  return writes
}

/**
 * Records one check result made at `at`. It vouches for the time since the previous observation, at most
 * one check interval: a longer gap (the monitor was down, or the loop stalled) stays unknown. An `unknown`
 * result vouches for nothing. Returns the buckets that changed, plus the new `last` time.
 */
export function observe(
  buckets: ServiceBuckets,
  at: number,
  status: HealthStatus,
  intervalMs: number,
): BucketWrite[] {
  const previous = buckets.lastAt
  if (previous !== undefined && at <= previous) return []
  buckets.lastAt = at
  const last = { field: LAST_FIELD, value: String(at) }
  const from = Math.max(at - intervalMs, previous ?? Number.NEGATIVE_INFINITY)
  if (status === 'unknown') return [last]
  return [...addSpan(buckets, from, at, isUp(status)), last]
}

/** The window ends now and starts at the beginning of its oldest bucket (e.g. 24 h = this minute + 1439). */
export function uptimeOf(buckets: ServiceBuckets, window: UptimeWindow, now: number): UptimeFigures {
  const { tier, buckets: count } = WINDOWS[window]
  const { lengthMs } = TIERS[tier]
  const current = Math.floor(now / lengthMs) * lengthMs
  const oldest = current - (count - 1) * lengthMs
  let upMs = 0
  let downMs = 0
  for (const bucket of buckets.rings[tier].values()) {
    if (bucket.start < oldest || bucket.start > current) continue
    upMs += bucket.upMs
    downMs += bucket.downMs
  }
  const checked = upMs + downMs
  return {
    ratio: checked > 0 ? upMs / checked : null,
    checked_seconds: checked / 1000,
    unknown_seconds: Math.max(0, now - oldest - checked) / 1000,
  }
}

/** Daily uptime for the last `days` days (oldest first, today last); ratio null for a day never checked. */
export function dailyUptime(
  buckets: ServiceBuckets,
  now: number,
  days: number = TIERS.d.count,
): Array<{ start: number; ratio: number | null; checkedMs: number }> {
  const { lengthMs } = TIERS.d
  const today = Math.floor(now / lengthMs) * lengthMs
  const byStart = new Map([...buckets.rings.d.values()].map((b) => [b.start, b]))
  return Array.from({ length: days }, (_, i) => {
    const start = today - (days - 1 - i) * lengthMs
    const bucket = byStart.get(start)
    const checkedMs = bucket ? bucket.upMs + bucket.downMs : 0
    return { start, ratio: bucket && checkedMs > 0 ? bucket.upMs / checkedMs : null, checkedMs }
  })
}

/** Rebuilds a service's rings from its Redis hash; fields that do not parse or sit in the wrong slot are ignored. */
export function decodeBuckets(hash: Record<string, string>): ServiceBuckets {
  const buckets = emptyBuckets()
  for (const [field, value] of Object.entries(hash)) {
    if (field === LAST_FIELD) {
      const at = Number(value)
      if (Number.isSafeInteger(at)) buckets.lastAt = at
      continue
    }
    const [code, slotText] = field.split(':')
    if (code === undefined || !(code in TIERS)) continue
    const tier = TIERS[code as TierCode]
    const [startSec, upMs, downMs] = value.split(' ').map(Number)
    const slot = Number(slotText)
    if (![startSec, upMs, downMs].every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) continue
    const start = (startSec as number) * 1000
    if (start % tier.lengthMs !== 0 || Math.floor(start / tier.lengthMs) % tier.count !== slot) continue
    buckets.rings[code as TierCode].set(slot, { start, upMs: upMs as number, downMs: downMs as number })
  }
  return buckets
}
