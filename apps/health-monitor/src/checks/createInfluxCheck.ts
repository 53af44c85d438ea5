import { errorMessage } from '@squeezeflow/core'
import type { CheckFn, CheckOutcome } from '../types.js'

export interface InfluxPing {
  online: boolean
  version?: string
  /** Round trip of /ping, in ms. */
  rttMs: number
}

/** The InfluxDB calls the influxdb check makes; `databaseNames` rejects when InfluxDB fails. */
export interface InfluxProbe {
  ping(): Promise<InfluxPing>
  databaseNames(): Promise<string[]>
}

export interface InfluxSample {
  ping: InfluxPing
  databases: string[]
  /** Time `SHOW DATABASES` took, in ms. */
  queryMs: number
}

/** Reachable and the target database exists → healthy; otherwise critical. */
export function influxOutcome({ ping, databases, queryMs }: InfluxSample, database: string): CheckOutcome {
  const exists = databases.includes(database)
  const details = {
    reachable: true,
    version: ping.version ?? null,
    ping_ms: ping.rttMs,
    query_ms: queryMs,
    database,
    database_exists: exists,
  }
  if (!exists) return { status: 'critical', message: `database "${database}" does not exist`, details }
  const version = ping.version ? ` ${ping.version}` : ''
  return { status: 'healthy', message: `influxdb${version} up, database "${database}" present`, details }
}

/** Ping, version, the target database exists, query time; unreachable or missing database → critical. */
export function createInfluxCheck(
  probe: InfluxProbe,
  database: string,
  now: () => number = () => performance.now(),
): CheckFn {
  return async () => {
    try {
      const ping = await probe.ping()
      if (!ping.online) {
        return {
          status: 'critical',
          message: 'influxdb unreachable: ping failed',
          details: { reachable: false, database },
        }
      }
      const started = now()
      const databases = await probe.databaseNames()
      return influxOutcome({ ping, databases, queryMs: Math.round((now() - started) * 100) / 100 }, database)
    } catch (err) {
      const message = errorMessage(err)
      return {
        status: 'critical',
        message: `influxdb unreachable: ${message}`,
        details: { reachable: false, database, error: message },
      }
    }
  }
}
