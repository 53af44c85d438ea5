import { escape as influxEscape } from 'influx'
import type { InfluxTargetSurvey } from '../../watch/classifyInfluxQueryError.js'
import { createInfluxClient, type InfluxClientOptions, queryStatements } from './influxClient.js'

interface NameSeries {
  columns: string[]
  values?: unknown[][]
}

const names = (series: NameSeries[] | undefined): string[] =>
  (series ?? []).flatMap((s) => (s.values ?? []).map((row) => String(row[s.columns.indexOf('name')])))

/**
 * What of the data-flow target exists, for when the data-flow query failed or found nothing. InfluxDB 1.6
 * answers a two-statement query that reads a missing database or retention policy with only "not executed",
 * so each question is its own request: one when the database is missing, two otherwise. Rejects when
 * InfluxDB cannot answer.
 */
export function createInfluxTargetSurvey(
  options: InfluxClientOptions & { retentionPolicy: string; measurement: string },
) {
  const influx = createInfluxClient(options)
  const db = influxEscape.quoted(options.database)
  return {
    async survey(): Promise<InfluxTargetSurvey> {
      let policies: string[]
      try {
        const [rp] = await queryStatements<NameSeries>(influx, [`SHOW RETENTION POLICIES ON ${db}`])
        policies = names(rp?.series)
      } catch (error) {
        if (/^database not found: /.test((error as Error).message)) {
          return { databaseExists: false, retentionPolicies: [], measurementExists: null }
        }
        throw error
      }
      const measurement = influxEscape.quoted(options.measurement)
      const [found] = await queryStatements<NameSeries>(influx, [
        `SHOW MEASUREMENTS ON ${db} WITH MEASUREMENT = ${measurement}`,
      ])
      return {
        databaseExists: true,
        retentionPolicies: policies,
        measurementExists: names(found?.series).length > 0,
      }
    },
  }
}
