import type { Clock } from '@squeezeflow/core'
import { InfluxDB, type IPoolOptions } from 'influx'
import type { Unavailable } from '../../watch/counters.js'
import { showStatsUnavailableReason } from '../../watch/influxQueryFailure.js'
import {
  type InfluxWriteSample,
  influxWriteCounters,
  type StatsSeries,
} from '../../watch/influxWriteFigures.js'

export interface InfluxStatsOptions {
  host: string
  port: number
  /** With authentication on, SHOW STATS needs an admin user. */
  username?: string
  password?: string
  timeoutMs: number
  clock: Clock
}

export type InfluxWriteReading = ({ available: true } & InfluxWriteSample) | Unavailable

/** As in adapters/influx.ts: a monitor must try the real server every cycle, so the host is never disabled. */
const NEVER_DISABLE: NonNullable<IPoolOptions['backoff']> = {
  getDelay: () => 0,
  next: () => NEVER_DISABLE,
  reset: () => NEVER_DISABLE,
}

interface RawBody {
  error?: string
  results?: Array<{ error?: string; series?: StatsSeries[] }>
}

/**
 * Reads the `httpd` and `write` statistics with one request of two statements (`SHOW STATS FOR '…'` keeps
 * the answer small: a plain SHOW STATS also lists every shard). Never rejects.
 */
export function createInfluxStats(options: InfluxStatsOptions) {
  const { host, port, username, password, timeoutMs, clock } = options
  const influx = new InfluxDB({
    host,
    port,
    protocol: 'http',
    ...(username === undefined ? {} : { username, password: password ?? '' }),
    pool: { maxRetries: 0, requestTimeout: timeoutMs, backoff: NEVER_DISABLE },
  })

  return {
    async read(): Promise<InfluxWriteReading> {
      try {
        const body = (await influx.queryRaw(["SHOW STATS FOR 'httpd'", "SHOW STATS FOR 'write'"])) as RawBody
        const failed = body.error ?? body.results?.find((r) => r.error !== undefined)?.error
        if (failed !== undefined) throw new Error(failed)
        const series = (body.results ?? []).flatMap((r) => r.series ?? [])
        return { available: true, atMs: clock(), counters: influxWriteCounters(series) }
      } catch (error) {
        return { available: false, reason: showStatsUnavailableReason(error, { host, port }) }
      }
    },
  }
}
