import { escape as influxEscape } from 'influx'
import type { DataFlowSample } from '../checks/assessDataFlow.js'
import type { InfluxProbe } from '../checks/createInfluxCheck.js'
import type { DataFlowConfig, HealthMonitorConfig } from '../config.js'
import { createInfluxClient } from './watch/influxClient.js'

interface RawStatement {
  error?: string
  series?: Array<{ values?: unknown[][] }>
}

function firstValue(statement: RawStatement | undefined, column: number): unknown {
  if (statement?.error) throw new Error(statement.error)
  return statement?.series?.[0]?.values?.[0]?.[column]
}

type InfluxSettings = HealthMonitorConfig['influx']

/** `"database"."retention policy"."measurement"`, quoted by the influx library so no name can inject InfluxQL. */
const sourceOf = ({ database, retentionPolicy, measurement }: InfluxSettings) =>
  [database, retentionPolicy, measurement].map((name) => influxEscape.quoted(name)).join('.')

/**
 * The data-flow statements, time-bounded so their cost does not grow with the measurement: a count over
 * the recent window and `last()` within the lookback.
 */
export function dataFlowQueries(
  settings: InfluxSettings,
  { windowMinutes, lookbackHours }: Pick<DataFlowConfig, 'windowMinutes' | 'lookbackHours'>,
) {
  const windowSeconds = Math.max(1, Math.round(windowMinutes * 60))
  const lookbackSeconds = Math.max(1, Math.round(lookbackHours * 3600))
  const column = influxEscape.quoted(settings.field)
  const source = sourceOf(settings)
  return [
    `SELECT count(${column}) FROM ${source} WHERE time > now() - ${windowSeconds}s`,
    `SELECT last(${column}) FROM ${source} WHERE time > now() - ${lookbackSeconds}s`,
  ]
}

/** Points of any field after `sinceMs`: what verifies a restart of aggr-server. */
export function dataSinceQuery(settings: InfluxSettings, sinceMs: number): string {
  return `SELECT count(*) FROM ${sourceOf(settings)} WHERE time > '${new Date(sinceMs).toISOString()}'`
}

/** The only module that talks to InfluxDB: the influxdb and aggr_server checks and recovery's verification. */
export function createInfluxAdapter(
  settings: InfluxSettings,
  timeoutMs: number,
  /** INFLUX_USERNAME / INFLUX_PASSWORD, where InfluxDB has authentication on. */
  credentials?: { username: string; password: string },
) {
  const { database } = settings
  const influx = createInfluxClient({ ...settings, ...credentials, timeoutMs })

  const query = async (statements: string[]): Promise<RawStatement[]> => {
    const body = (await influx.queryRaw(statements, { database, precision: 'ms' })) as {
      error?: string
      results?: RawStatement[]
    }
    if (body.error) throw new Error(body.error)
    return body.results ?? []
  }

  const probe: InfluxProbe = {
    async ping() {
      const [stats] = await influx.ping(timeoutMs)
      return { online: stats?.online ?? false, version: stats?.version || undefined, rttMs: stats?.rtt ?? 0 }
    },
    databaseNames: () => influx.getDatabaseNames(),
  }

  async function dataFlow(config: DataFlowConfig): Promise<DataFlowSample> {
    const [counted, newest] = await query(dataFlowQueries(settings, config))
    const count = firstValue(counted, 1)
    const lastTime = firstValue(newest, 0)
    return {
      recentCount: typeof count === 'number' ? count : 0,
      lastWriteMs: typeof lastTime === 'number' ? lastTime : null,
    }
  }

  /** Whether aggr-server wrote any point after `sinceMs`. */
  async function dataResumedSince(sinceMs: number): Promise<boolean> {
    const [statement] = await query([dataSinceQuery(settings, sinceMs)])
    if (statement?.error) throw new Error(statement.error)
    // One column per field (count_vbuy, …) after the time column; any of them above 0 means new points.
    const row = statement?.series?.[0]?.values?.[0] ?? []
    return row.slice(1).some((v) => typeof v === 'number' && v > 0)
  }

  return { probe, dataFlow, dataResumedSince }
}
