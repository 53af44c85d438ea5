import { createManualClock } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { createMetricStore } from '../aggregation/createMetricStore.js'
import { buildExport, toCsv } from './buildExport.js'

function storeWithPoints() {
  const { clock, advance } = createManualClock()
  const store = createMetricStore({ maxPoints: 100, maxSeries: 10, clock })
  const record = (metric_name: string, value: number, unit = 'ms', service = 'runner') =>
    store.record({ metric_name, value, unit, service, timestamp: clock() })
  record('b_time_ms', 1.5)
  advance(120_000)
  record('a_count', 3, 'count, "raw"', 'svc')
  record('b_time_ms', 2)
  return { store, clock }
}

describe('buildExport and toCsv', () => {
  it('exports every metric’s points, or those of one metric within a window', () => {
    const { store, clock } = storeWithPoints()
    expect(Object.keys(buildExport(store, { now: clock() }).metrics)).toEqual(['a_count', 'b_time_ms'])
    expect(buildExport(store, { now: clock(), names: ['b_time_ms'], windowSeconds: 60 })).toEqual({
      generated_at: '2026-01-01T00:02:00.000Z',
      window_seconds: 60,
      metrics: { b_time_ms: { unit: 'ms', service: 'runner', points: [{ timestamp: clock(), value: 2 }] } },
    })
  })

  it('writes RFC 4180 CSV with a header, quoting what needs it', () => {
    const { store, clock } = storeWithPoints()
    expect(toCsv(buildExport(store, { now: clock() })).split('\r\n')).toEqual([
      'timestamp_ms,time,metric,value,unit,service',
      `${clock()},2026-01-01T00:02:00.000Z,a_count,3,"count, ""raw""",svc`,
      `${clock() - 120_000},2026-01-01T00:00:00.000Z,b_time_ms,1.5,ms,runner`,
      `${clock()},2026-01-01T00:02:00.000Z,b_time_ms,2,ms,runner`,
      '',
    ])
  })

  it('writes only the header when there is nothing', () => {
    const { store, clock } = storeWithPoints()
    expect(toCsv(buildExport(store, { now: clock(), names: [] }))).toBe(
      'timestamp_ms,time,metric,value,unit,service\r\n',
    )
  })
})
