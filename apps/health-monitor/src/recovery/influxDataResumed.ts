import { InfluxDB } from 'influx'

export interface InfluxDataResumedOptions {
  host: string
  port: number
  database: string
  /** Default `aggr_1s`. */
  retentionPolicy?: string
  /** Default `trades_1s`. */
  measurement?: string
  /** Per query, in ms. Default 5000. */
  timeoutMs?: number
}

const quote = (name: string) => `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`

/** The count query; time-bounded, so it stays cheap however large the measurement grows. */
export function dataSinceQuery(
  database: string,
  retentionPolicy: string,
  measurement: string,
  sinceMs: number,
): string {
  const from = `${quote(database)}.${quote(retentionPolicy)}.${quote(measurement)}`
  return `SELECT count(*) FROM ${from} WHERE time > '${new Date(sinceMs).toISOString()}'`
}

interface RawResult {
  results?: Array<{ error?: string; series?: Array<{ values?: unknown[][] }> }>
}

/** Whether aggr-server wrote any point after `sinceMs`: what verifies a restart of aggr_server. */
export function createInfluxDataResumed(
  options: InfluxDataResumedOptions,
): (sinceMs: number) => Promise<boolean> {
  const { database, retentionPolicy = 'aggr_1s', measurement = 'trades_1s', timeoutMs = 5000 } = options
  const influx = new InfluxDB({
    host: options.host,
    port: options.port,
    database,
    pool: { requestTimeout: timeoutMs },
  })
  return async (sinceMs) => {
    const raw = (await influx.queryRaw(
      dataSinceQuery(database, retentionPolicy, measurement, sinceMs),
    )) as RawResult
    const result = raw.results?.[0]
    if (result?.error !== undefined) throw new Error(`influx: ${result.error}`)
    // One column per field (count_vbuy, …) after the time column; any of them above 0 means new points.
    const row = result?.series?.[0]?.values?.[0] ?? []
    return row.slice(1).some((v) => typeof v === 'number' && v > 0)
  }
}
