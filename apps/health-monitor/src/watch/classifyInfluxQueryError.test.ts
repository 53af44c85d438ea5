import { describe, expect, it } from 'vitest'
import {
  classifyInfluxQueryError,
  missingPart,
  noDataYetMessage,
  showStatsUnavailableReason,
} from './classifyInfluxQueryError.js'

const target = {
  host: 'aggr-influx',
  port: 8086,
  database: 'significant_trades',
  retentionPolicy: 'aggr_1s',
  measurement: 'trades_1s',
}
const coded = (message: string, code: string) => Object.assign(new Error(message), { code })

describe('classifyInfluxQueryError', () => {
  it('calls a refused, unresolved or timed-out connection unreachable, naming host and port', () => {
    expect(
      classifyInfluxQueryError(coded('connect ECONNREFUSED 10.0.0.5:8086', 'ECONNREFUSED'), target),
    ).toEqual({
      kind: 'unreachable',
      message: 'influxdb unreachable: aggr-influx:8086: connection refused (nothing listens on port 8086)',
    })
    expect(
      classifyInfluxQueryError(coded('getaddrinfo ENOTFOUND aggr-influx', 'ENOTFOUND'), target).message,
    ).toBe('influxdb unreachable: aggr-influx:8086: the name aggr-influx did not resolve')
    class ServiceNotAvailableError extends Error {}
    expect(classifyInfluxQueryError(new ServiceNotAvailableError('Request timed out'), target)).toMatchObject(
      {
        kind: 'unreachable',
        message: 'influxdb unreachable: aggr-influx:8086: the request timed out',
      },
    )
    expect(classifyInfluxQueryError(new ServiceNotAvailableError('No host available'), target).kind).toBe(
      'unreachable',
    )
  })

  it('calls a missing database or retention policy "no data yet", saying which variable may be wrong', () => {
    expect(classifyInfluxQueryError(new Error('retention policy not found: aggr_1s'), target)).toEqual({
      kind: 'no_data_yet',
      missing: 'retention_policy',
      message:
        'no data yet: retention policy aggr_1s does not exist in significant_trades (aggr-server has never written here, or INFLUX_RETENTION_POLICY is wrong)',
    })
    expect(classifyInfluxQueryError(new Error('database not found: significant_trades'), target)).toEqual({
      kind: 'no_data_yet',
      missing: 'database',
      message:
        'no data yet: database significant_trades does not exist (aggr-server has never written here, or INFLUX_DATABASE is wrong)',
    })
  })

  it('passes any other error on in the server’s words', () => {
    const wrapped = new Error(
      'A 400 Bad Request error occurred: {"error":"error parsing query: found SELEC, expected SELECT at line 1, char 1"}\n',
    )
    expect(classifyInfluxQueryError(wrapped, target)).toEqual({
      kind: 'query_error',
      message: 'error parsing query: found SELEC, expected SELECT at line 1, char 1',
    })
    expect(classifyInfluxQueryError(new Error('partial write: field type conflict'), target).message).toBe(
      'partial write: field type conflict',
    )
  })
})

describe('with a survey of the target', () => {
  const survey = { databaseExists: true, retentionPolicies: ['autogen', 'aggr_1s'], measurementExists: true }

  it('names the missing part behind InfluxDB 1.6\'s bare "not executed"', () => {
    const bare = new Error('not executed')
    expect(classifyInfluxQueryError(bare, target)).toEqual({ kind: 'query_error', message: 'not executed' })
    expect(
      classifyInfluxQueryError(bare, target, { ...survey, retentionPolicies: ['autogen'] }),
    ).toMatchObject({
      kind: 'no_data_yet',
      missing: 'retention_policy',
    })
    expect(classifyInfluxQueryError(bare, target, survey)).toEqual({
      kind: 'query_error',
      message: 'not executed',
    })
  })

  it('finds the first missing part', () => {
    expect(
      missingPart({ databaseExists: false, retentionPolicies: [], measurementExists: null }, target),
    ).toBe('database')
    expect(missingPart({ ...survey, retentionPolicies: ['autogen'] }, target)).toBe('retention_policy')
    expect(missingPart({ ...survey, measurementExists: false }, target)).toBe('measurement')
    expect(missingPart(survey, target)).toBeNull()
  })
})

describe('noDataYetMessage', () => {
  it('names the measurement with its database and retention policy', () => {
    expect(noDataYetMessage('measurement', target)).toBe(
      'no data yet: measurement trades_1s does not exist in significant_trades.aggr_1s (aggr-server has never written here, or INFLUX_MEASUREMENT is wrong)',
    )
  })
})

describe('showStatsUnavailableReason', () => {
  it('says when the user lacks the privilege to read statistics', () => {
    const denied = new Error(
      "error authorizing query: monitor not authorized to execute statement 'SHOW STATS', requires admin privilege",
    )
    expect(showStatsUnavailableReason(denied, target)).toBe(
      "SHOW STATS not permitted: error authorizing query: monitor not authorized to execute statement 'SHOW STATS', requires admin privilege (the monitor's InfluxDB user needs admin privilege for write statistics)",
    )
    expect(showStatsUnavailableReason(coded('connect ECONNREFUSED', 'ECONNREFUSED'), target)).toBe(
      'influxdb unreachable: aggr-influx:8086: connection refused (nothing listens on port 8086)',
    )
  })
})
