import type { AlertCondition } from '../types.js'

/** Types whose length is a queue depth; any other type is reported as it is, without a depth. */
export const QUEUE_TYPES = ['list', 'stream', 'zset'] as const

export interface ConsumerGroupBacklog {
  group: string
  /** Entries delivered to the group and not yet acknowledged (XINFO GROUPS `pending`). */
  pending: number
  /** Entries not yet delivered to the group (Redis 7 `lag`); null when Redis cannot tell. */
  lag: number | null
}

export interface QueueDepth {
  key: string
  /** Redis's TYPE: `list`, `stream`, `zset`, `none` (missing), or another type. */
  type: string
  /** LLEN / XLEN / ZCARD; 0 for a missing key; null for a key of another type. */
  depth: number | null
  missing: boolean
  /** Streams only: one entry per consumer group. */
  groups?: ConsumerGroupBacklog[]
}

const asNumber = (v: unknown): number | null => (typeof v === 'number' ? v : null)

function groupsOf(flat: unknown): ConsumerGroupBacklog[] {
  if (!Array.isArray(flat)) return []
  const groups: ConsumerGroupBacklog[] = []
  for (let i = 0; i + 2 < flat.length; i += 3) {
    groups.push({ group: String(flat[i]), pending: asNumber(flat[i + 1]) ?? 0, lag: asNumber(flat[i + 2]) })
  }
  return groups
}

/**
 * The queue part of the watch script's reply (adapters/watch/redisWatchScript.ts): per key
 * `[type, depth|nil, [group, pending, lag|nil, …]]`, in the order of `keys`. Throws on a reply of another
 * shape.
 */
export function queueDepths(keys: readonly string[], reply: unknown): QueueDepth[] {
  if (!Array.isArray(reply) || reply.length !== keys.length) {
    throw new TypeError(
      `queue depth reply has ${Array.isArray(reply) ? reply.length : 'no'} entries for ${keys.length} keys`,
    )
  }
  return keys.map((key, i) => {
    const [type, depth, groups] = reply[i] as [unknown, unknown, unknown]
    const kind = String(type)
    const entry: QueueDepth = {
      key,
      type: kind,
      depth: kind === 'none' ? 0 : asNumber(depth),
      missing: kind === 'none',
    }
    if (kind === 'stream') entry.groups = groupsOf(groups)
    return entry
  })
}

/** A warning for each queue deeper than its QUEUE_KEYS_WARN threshold. */
export function queueConditions(
  depths: readonly QueueDepth[],
  warn: Readonly<Record<string, number>>,
): AlertCondition[] {
  const conditions: AlertCondition[] = []
  for (const q of depths) {
    const threshold = warn[q.key]
    if (threshold === undefined || q.depth === null || q.depth <= threshold) continue
    conditions.push({
      // One rule per key, so two deep queues are two alerts.
      rule: `queue_depth_high:${q.key}`,
      severity: 'warning',
      message: `queue ${q.key} holds ${q.depth} entries (> ${threshold})`,
      value: q.depth,
      threshold,
    })
  }
  return conditions
}
