import type { Clock } from '@squeezeflow/core'
import { showStatsUnavailableReason } from '../../watch/classifyInfluxQueryError.js'
import {
  type InfluxWriteSample,
  influxWriteCounters,
  type StatsSeries,
} from '../../watch/deriveInfluxWriteFigures.js'
import type { Unavailable } from '../../watch/types.js'
import { createInfluxClient, type InfluxClientOptions, queryStatements } from './influxClient.js'

export type InfluxWriteReading = ({ available: true } & InfluxWriteSample) | Unavailable

/**
 * Reads the `httpd` and `write` statistics in one request of two statements (`SHOW STATS FOR '…'` keeps
 * the answer small: a plain SHOW STATS also lists every shard). Never rejects.
 */
export function createInfluxStats(options: InfluxClientOptions & { clock: Clock }) {
  const influx = createInfluxClient(options)
  return {
    async read(): Promise<InfluxWriteReading> {
      try {
        const results = await queryStatements<StatsSeries>(influx, [
          "SHOW STATS FOR 'httpd'",
          "SHOW STATS FOR 'write'",
        ])
        const series = results.flatMap((r) => r.series ?? [])
        return { available: true, atMs: options.clock(), counters: influxWriteCounters(series) }
      } catch (error) {
        return { available: false, reason: showStatsUnavailableReason(error, options) }
      }
    },
  }
}
