import { errorMessage } from '@squeezeflow/core'
import { connectionFailureKind, describeConnectionFailure } from './describeConnectionFailure.js'

/** Where the data-flow query reads: INFLUX_DATABASE, INFLUX_RETENTION_POLICY, INFLUX_MEASUREMENT. */
export interface InfluxTarget {
  host: string
  port: number
  database: string
  retentionPolicy: string
  measurement: string
}

export type MissingPart = 'database' | 'retention_policy' | 'measurement'

export type InfluxQueryFailure =
  /** InfluxDB itself is down or out of reach: a dependency problem, not aggr-server's. */
  | { kind: 'unreachable'; message: string }
  /** The query ran but reads something that was never created: aggr-server never wrote here, or the config is wrong. */
  | { kind: 'no_data_yet'; missing: MissingPart; message: string }
  /** Anything else the server answered, in its own words. */
  | { kind: 'query_error'; message: string }

/**
 * The "no data yet" message for a missing part. InfluxDB 1.x answers a query on a missing measurement with
 * an empty result rather than an error, so the caller passes `measurement` itself when
 * `SHOW MEASUREMENTS WITH MEASUREMENT = "…"` comes back empty.
 */
export function noDataYetMessage(missing: MissingPart, t: InfluxTarget): string {
  const because = (variable: string) => `(aggr-server has never written here, or ${variable} is wrong)`
  switch (missing) {
    case 'database':
      return `no data yet: database ${t.database} does not exist ${because('INFLUX_DATABASE')}`
    case 'retention_policy':
      return `no data yet: retention policy ${t.retentionPolicy} does not exist in ${t.database} ${because('INFLUX_RETENTION_POLICY')}`
    case 'measurement':
      return `no data yet: measurement ${t.measurement} does not exist in ${t.database}.${t.retentionPolicy} ${because('INFLUX_MEASUREMENT')}`
  }
}

/** The server's own text: the `error` field of a JSON body the influx client wraps in its RequestError message. */
function serverMessage(err: unknown): string {
  const message = errorMessage(err)
  const body = /\{.*\}\s*$/s.exec(message)?.[0]
  if (body !== undefined) {
    try {
      const parsed = JSON.parse(body) as { error?: unknown }
      if (typeof parsed.error === 'string') return parsed.error
    } catch {
      // Not JSON after all: the message as it is.
    }
  }
  return message.trim()
}

/** What of the data-flow target exists (adapters/watch/influxTargetSurvey.ts). */
export interface InfluxTargetSurvey {
  databaseExists: boolean
  retentionPolicies: string[]
  /** null when the database is missing, so nothing was asked. */
  measurementExists: boolean | null
}

/** The first part of the target that does not exist, or null when all do. */
export function missingPart(survey: InfluxTargetSurvey, target: InfluxTarget): MissingPart | null {
  if (!survey.databaseExists) return 'database'
  if (!survey.retentionPolicies.includes(target.retentionPolicy)) return 'retention_policy'
  return survey.measurementExists === false ? 'measurement' : null
}

/**
 * Tells an unreachable InfluxDB from a missing database / retention policy from any other query error.
 * InfluxDB 1.6 answers a multi-statement query (the data-flow check sends two) that reads a missing database
 * or retention policy with nothing but "not executed"; pass a `survey` then and the missing part is named.
 */
export function classifyInfluxQueryError(
  err: unknown,
  target: InfluxTarget,
  survey?: InfluxTargetSurvey,
): InfluxQueryFailure {
  if (connectionFailureKind(err) !== 'other' || /No host available/.test(errorMessage(err))) {
    const { message } = describeConnectionFailure(err, `http://${target.host}:${target.port}`)
    return { kind: 'unreachable', message: `influxdb unreachable: ${message}` }
  }
  const text = serverMessage(err)
  if (/^database not found: /.test(text)) {
    return { kind: 'no_data_yet', missing: 'database', message: noDataYetMessage('database', target) }
  }
  if (/^retention policy not found: /.test(text)) {
    return {
      kind: 'no_data_yet',
      missing: 'retention_policy',
      message: noDataYetMessage('retention_policy', target),
    }
  }
  const missing = survey === undefined ? null : missingPart(survey, target)
  if (missing !== null) return { kind: 'no_data_yet', missing, message: noDataYetMessage(missing, target) }
  return { kind: 'query_error', message: text }
}

/**
 * Why `SHOW STATS` could not be read, for an "unavailable" figure: with authentication on it needs an admin
 * user, which the monitor's may deliberately not be.
 */
export function showStatsUnavailableReason(
  err: unknown,
  target: Pick<InfluxTarget, 'host' | 'port'>,
): string {
  if (connectionFailureKind(err) !== 'other') {
    return `influxdb unreachable: ${describeConnectionFailure(err, `http://${target.host}:${target.port}`).message}`
  }
  const text = serverMessage(err)
  if (
    /not authorized|requires admin privilege|authorization failed|unable to parse authentication credentials|create admin user first/i.test(
      text,
    )
  ) {
    return `SHOW STATS not permitted: ${text} (the monitor's InfluxDB user needs admin privilege for write statistics)`
  }
  return `SHOW STATS failed: ${text}`
}
