import type { Alert, Clock, RedisKeys } from '@squeezeflow/core'
import { errorMessage } from '@squeezeflow/core'
import type { AlertingRedis, AlertRecord } from '../types.js'
import { decodeAlertRecord, encodeAlertRecord } from './alertRecordCodec.js'
import { CLAIM_SCRIPT } from './claimScript.js'
import { decideClaim } from './decideClaim.js'
import { TOUCH_SCRIPT } from './touchScript.js'

export interface AlertStoreOptions {
  redis: AlertingRedis
  keys: RedisKeys
  clock: Clock
  /** The source whose alerts this store announces, e.g. `health-monitor`. */
  source: string
  /** pub/sub channel every claimed transition is published on. */
  channel: string
  /** A firing alert is announced again at most this often, across replicas. */
  repeatSeconds: number
  /** Also keep each claimed transition in this sorted set (score = ms) for `retentionSeconds`. */
  history?: { key: string; retentionSeconds: number }
  /** How long a firing alert's hash outlives its last announcement. Default 7 days. */
  firingTtlSeconds?: number
  /** How long a resolved alert's hash is kept (and re-sent to Alertmanager). Default 900. */
  resolvedRetentionSeconds?: number
}

export type ClaimResult = { claimed: true; published: Alert } | { claimed: false; reason: string }

/** Compare-and-set retries before a transition is given up as contended (each retry re-reads the record). */
const MAX_ATTEMPTS = 5

/** The Redis side of the shared alert state: read records, claim transitions. Every call may reject. */
export function createAlertStore(options: AlertStoreOptions) {
  const { redis, keys, clock, source, channel, history } = options
  const repeatMs = options.repeatSeconds * 1000
  const firingTtlMs = (options.firingTtlSeconds ?? 7 * 86_400) * 1000
  const resolvedTtlMs = (options.resolvedRetentionSeconds ?? 900) * 1000

  async function read(fingerprint: string): Promise<{ rev: number; record?: AlertRecord }> {
    const hash = await redis.client.hGetAll(keys.alertState(fingerprint))
    const record = decodeAlertRecord(hash)
    return { rev: Number(hash.rev ?? 0) || 0, ...(record ? { record } : {}) }
  }

  async function claim(alert: Alert): Promise<ClaimResult> {
    try {
      keys.alertState(alert.fingerprint)
    } catch (error) {
      // A fingerprint no key can hold is the caller's bug; retrying it would block every alert behind it.
      return { claimed: false, reason: errorMessage(error) }
    }
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { rev, record } = await read(alert.fingerprint)
      const now = clock()
      const decision = decideClaim(record, alert, { now, repeatMs })
      if (!decision.claim) return { claimed: false, reason: decision.reason }
      const json = JSON.stringify(decision.publish)
      const ttlMs = decision.record.state === 'firing' ? firingTtlMs : resolvedTtlMs
      const historyArgs = history
        ? [String(now - history.retentionSeconds * 1000), String(Math.ceil(history.retentionSeconds))]
        : ['0', '0']
      const claimed = await redis.client.eval(CLAIM_SCRIPT, {
        keys: [
          keys.alertState(alert.fingerprint),
          keys.alertIndex(source),
          keys.alertVersion(source),
          ...(history ? [history.key] : []),
        ],
        arguments: [
          String(rev),
          channel,
          json,
          alert.fingerprint,
          String(now),
          String(ttlMs),
          ...historyArgs,
          ...encodeAlertRecord(decision.record),
        ],
      })
      if (claimed === 1) return { claimed: true, published: decision.publish }
    }
    return { claimed: false, reason: 'contended' }
  }

  /** The source's firing and recently resolved records; drops index entries whose hash has expired. */
  async function listRecent(): Promise<AlertRecord[]> {
    const indexKey = keys.alertIndex(source)
    const fingerprints = await redis.client.zRange(indexKey, 0, -1)
    const hashes = await Promise.all(fingerprints.map((f) => redis.client.hGetAll(keys.alertState(f))))
    const records: AlertRecord[] = []
    const gone: string[] = []
    hashes.forEach((hash, i) => {
      const record = decodeAlertRecord(hash)
      if (record) records.push(record)
      else gone.push(fingerprints[i] as string)
    })
    if (gone.length > 0) await redis.client.zRem(indexKey, gone)
    return records
  }

  /** Records that instances still see these (firing) alerts, so they are not resolved as stale. */
  async function touch(fingerprints: readonly string[]): Promise<void> {
    const stateKeys = fingerprints.flatMap((f) => {
      try {
        return [keys.alertState(f)]
      } catch {
        return [] // claim() reports such a fingerprint; nothing of it is in Redis to touch
      }
    })
    if (stateKeys.length === 0) return
    await redis.client.eval(TOUCH_SCRIPT, { keys: stateKeys, arguments: [String(clock())] })
  }

  /** Bumped by every claimed transition of this source. */
  async function version(): Promise<string> {
    return (await redis.client.get(keys.alertVersion(source))) ?? '0'
  }

  return { read, claim, touch, listRecent, version }
}

export type AlertStore = ReturnType<typeof createAlertStore>
