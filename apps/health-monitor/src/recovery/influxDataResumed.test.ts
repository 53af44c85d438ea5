import { describe, expect, it } from 'vitest'
import { dataSinceQuery } from './influxDataResumed.js'

describe('dataSinceQuery', () => {
  it('counts points after a time in the fully qualified measurement', () => {
    expect(
      dataSinceQuery('significant_trades', 'aggr_1s', 'trades_1s', Date.parse('2026-01-01T00:00:00Z')),
    ).toBe(
      `SELECT count(*) FROM "significant_trades"."aggr_1s"."trades_1s" WHERE time > '2026-01-01T00:00:00.000Z'`,
    )
  })

  it('quotes names so configuration cannot inject InfluxQL', () => {
    expect(dataSinceQuery('db"; DROP', 'rp', 'm', 0)).toContain(`"db\\"; DROP"."rp"."m"`)
  })
})
