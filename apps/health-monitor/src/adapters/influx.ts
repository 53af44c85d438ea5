import { InfluxDB, type IPoolOptions, escape as influxEscape } from 'influx'
import type { DataFlowSample } from '../checks/dataFlow.js'
import type { InfluxProbe } from '../checks/influxdb.js'
import type { DataFlowConfig, HealthMonitorConfig } from '../config.js'

/**
 * The influx pool takes a failed host out of rotation for a growing backoff and answers "No host available"
 * meanwhile; a monitor must try the real server every cycle, so the host is never disabled.
 */
const NEVER_DISABLE: NonNullable<IPoolOptions['backoff']> = {
  getDelay: () => 0,
  next: () => NEVER_DISABLE,
  reset: () => NEVER_DISABLE,
}

interface RawStatement {
  error?: string
  series?: Array<{ values?: unknown[][] }>
}

function firstValue(statement: RawStatement | undefined, column: number): unknown {
  if (statement?.error) throw new Error(statement.error)
  return statement?.series?.[0]?.values?.[0]?.[column]
}

/** The only module that talks to InfluxDB. */
export function createInfluxAdapter(config: HealthMonitorConfig['influx'], timeoutMs: number) {
  const { host, port, database, retentionPolicy, measurement, field } = config
  const influx = new InfluxDB({
    host,
    port,
    protocol: 'http',
    database,
    pool: { maxRetries: 0, requestTimeout: timeoutMs, backoff: NEVER_DISABLE },
  })
  const source = `${influxEscape.quoted(database)}.${influxEscape.quoted(retentionPolicy)}.${influxEscape.quoted(measurement)}`
  const column = influxEscape.quoted(field)

  const probe: InfluxProbe = {
    async ping() {
      const [stats] = await influx.ping(timeoutMs)
      return { online: stats?.online ?? false, version: stats?.version || undefined, rttMs: stats?.rtt ?? 0 }
    },
    databaseNames: () => influx.getDatabaseNames(),
  }

  /**
   * Two time-bounded statements in one request, so the cost does not grow with the measurement: a count over
   * the recent window and `last()` within the lookback.
   */
  async function dataFlow({ windowMinutes, lookbackHours }: DataFlowConfig): Promise<DataFlowSample> {
    const windowSeconds = Math.max(1, Math.round(windowMinutes * 60))
    const lookbackSeconds = Math.max(1, Math.round(lookbackHours * 3600))
    const body = (await influx.queryRaw(
      [
        `SELECT count(${column}) FROM ${source} WHERE time > now() - ${windowSeconds}s`,
        `SELECT last(${column}) FROM ${source} WHERE time > now() - ${lookbackSeconds}s`,
      ],
      { database, precision: 'ms' },
    )) as { error?: string; results?: RawStatement[] }
    if (body.error) throw new Error(body.error)
    const count = firstValue(body.results?.[0], 1)
    const lastTime = firstValue(body.results?.[1], 0)
    return {
      recentCount: typeof count === 'number' ? count : 0,
      lastWriteMs: typeof lastTime === 'number' ? lastTime : null,
    }
  }

  return { probe, dataFlow }
}
