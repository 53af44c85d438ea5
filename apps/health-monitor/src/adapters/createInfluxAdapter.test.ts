import { describe, expect, it } from 'vitest'
import { dataFlowQueries, dataSinceQuery } from './createInfluxAdapter.js'

const SETTINGS = {
  host: 'localhost',
  port: 8086,
  database: 'significant_trades',
  retentionPolicy: 'aggr_1s',
  measurement: 'trades_1s',
  field: 'vbuy',
}

describe('dataSinceQuery', () => {
  it('counts points after a time in the fully qualified measurement', () => {
    expect(dataSinceQuery(SETTINGS, Date.parse('2026-01-01T00:00:00Z'))).toBe(
      `SELECT count(*) FROM "significant_trades"."aggr_1s"."trades_1s" WHERE time > '2026-01-01T00:00:00.000Z'`,
    )
  })

  it('quotes names so configuration cannot inject InfluxQL', () => {
    const hostile = { ...SETTINGS, database: 'db"; DROP', retentionPolicy: 'rp', measurement: 'm' }
    expect(dataSinceQuery(hostile, 0)).toContain(`"db\\"; DROP"."rp"."m"`)
  })
})

describe('dataFlowQueries', () => {
  it('bounds both statements in time', () => {
    expect(dataFlowQueries(SETTINGS, { windowMinutes: 5, lookbackHours: 24 })).toEqual([
      `SELECT count("vbuy") FROM "significant_trades"."aggr_1s"."trades_1s" WHERE time > now() - 300s`,
      `SELECT last("vbuy") FROM "significant_trades"."aggr_1s"."trades_1s" WHERE time > now() - 86400s`,
    ])
  })
})
