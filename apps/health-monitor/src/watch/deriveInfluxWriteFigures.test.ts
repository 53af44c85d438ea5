import { describe, expect, it } from 'vitest'
import {
  deriveInfluxWriteFigures,
  type InfluxWriteCounters,
  type InfluxWriteFigures,
  influxWriteConditions,
  influxWriteCounters,
} from './deriveInfluxWriteFigures.js'

function counters(
  httpd: Partial<InfluxWriteCounters['httpd']>,
  write: Partial<InfluxWriteCounters['write']> = {},
) {
  return influxWriteCounters([
    { name: 'httpd', columns: Object.keys(httpd), values: [Object.values(httpd)] },
    { name: 'write', columns: Object.keys(write), values: [Object.values(write)] },
  ])
}

const T0 = Date.parse('2026-11-30T07:00:00Z')

describe('influxWriteCounters', () => {
  it('reads SHOW STATS as influxd 1.6 answers it, summing httpd listeners and ignoring other modules', () => {
    const series = [
      {
        name: 'write',
        columns: [
          'pointReq',
          'pointReqLocal',
          'req',
          'subWriteDrop',
          'subWriteOk',
          'writeDrop',
          'writeError',
          'writeOk',
          'writeTimeout',
        ],
        values: [[2, 2, 1, 0, 1, 0, 0, 1, 0]],
      },
      {
        name: 'httpd',
        columns: [
          'authFail',
          'clientError',
          'pointsWrittenDropped',
          'pointsWrittenFail',
          'pointsWrittenOK',
          'serverError',
          'writeReq',
          'writeReqBytes',
        ],
        values: [[0, 1, 0, 0, 2, 0, 2, 15]],
      },
      { name: 'httpd', columns: ['pointsWrittenOK', 'writeReq'], values: [[3, 1]] },
      { name: 'shard', columns: ['writePointsOk'], values: [[99]] },
    ]
    expect(influxWriteCounters(series)).toEqual({
      httpd: {
        writeReq: 3,
        writeReqBytes: 15,
        pointsWrittenOK: 5,
        pointsWrittenFail: 0,
        pointsWrittenDropped: 0,
        clientError: 1,
        serverError: 0,
        authFail: 0,
      },
      write: { req: 1, pointReq: 2, writeOk: 1, writeError: 0, writeTimeout: 0, writeDrop: 0 },
    })
  })
})

describe('deriveInfluxWriteFigures', () => {
  it('derives rates per second and per minute from two samples', () => {
    const previous = {
      atMs: T0,
      counters: counters({ pointsWrittenOK: 1000, writeReq: 100, clientError: 1 }, { writeTimeout: 2 }),
    }
    const current = {
      atMs: T0 + 30_000,
      counters: counters(
        {
          pointsWrittenOK: 4000,
          writeReq: 160,
          clientError: 3,
          serverError: 1,
          pointsWrittenDropped: 7,
          pointsWrittenFail: 50,
        },
        { writeTimeout: 3 },
      ),
    }
    expect(deriveInfluxWriteFigures(previous, current)).toEqual({
      interval_seconds: 30,
      counters_reset: false,
      write_rate_per_sec: 100,
      write_error_percent: 5,
      write_requests_per_min: 120,
      write_errors_per_min: 6,
      write_timeouts_per_min: 2,
      points_dropped: 7,
      points_failed: 50,
    })
  })

  it('gives no rate at all, never a negative one, when influxd restarted in between', () => {
    const previous = { atMs: T0, counters: counters({ pointsWrittenOK: 5000, writeReq: 500 }) }
    const current = { atMs: T0 + 30_000, counters: counters({ pointsWrittenOK: 10, writeReq: 600 }) }
    const figures = deriveInfluxWriteFigures(previous, current)
    expect(figures.counters_reset).toBe(true)
    expect(figures).toMatchObject({
      write_rate_per_sec: null,
      write_requests_per_min: null,
      write_error_percent: null,
    })
  })

  it('has no error percentage without write requests, and caps it at 100', () => {
    const idle = deriveInfluxWriteFigures(
      { atMs: T0, counters: counters({ clientError: 1 }) },
      { atMs: T0 + 10_000, counters: counters({ clientError: 4 }) },
    )
    expect(idle.write_error_percent).toBeNull()
    const worse = deriveInfluxWriteFigures(
      { atMs: T0, counters: counters({ writeReq: 1 }) },
      { atMs: T0 + 10_000, counters: counters({ writeReq: 2, clientError: 3 }) },
    )
    expect(worse.write_error_percent).toBe(100)
  })
})

const base: InfluxWriteFigures = {
  interval_seconds: 30,
  counters_reset: false,
  write_rate_per_sec: 50,
  write_error_percent: 0,
  write_requests_per_min: 60,
  write_errors_per_min: 0,
  write_timeouts_per_min: 0,
  points_dropped: 0,
  points_failed: 0,
}
const rules = { errorPercent: 1, aggrServerRunning: true }

describe('influxWriteConditions', () => {
  it('warns about the error rate only from the second cycle in a row above the threshold', () => {
    const failing = { ...base, write_error_percent: 4 }
    const first = influxWriteConditions(failing, rules, 0)
    expect(first).toEqual({ conditions: [], breaches: 1 })
    const second = influxWriteConditions(failing, rules, first.breaches)
    expect(second.conditions).toEqual([
      {
        rule: 'influx_write_errors',
        severity: 'warning',
        message: 'influxdb write errors: 4 % of write requests failed for 2 cycles (> 1 %)',
        value: 4,
        threshold: 1,
      },
    ])
    expect(influxWriteConditions({ ...base, write_error_percent: 1 }, rules, second.breaches).breaches).toBe(
      0,
    )
  })

  it('neither counts nor clears a breach in a cycle without a rate', () => {
    const reset = { ...base, counters_reset: true, write_error_percent: null, write_rate_per_sec: null }
    expect(influxWriteConditions(reset, rules, 1)).toEqual({ conditions: [], breaches: 1 })
  })

  it('warns about dropped points', () => {
    expect(influxWriteConditions({ ...base, points_dropped: 3 }, rules, 0).conditions).toMatchObject([
      { rule: 'influx_points_dropped', value: 3, message: 'influxdb dropped 3 points in the last cycle' },
    ])
  })

  it('warns about no writes only while aggr-server runs', () => {
    const silent = { ...base, write_rate_per_sec: 0 }
    expect(influxWriteConditions(silent, rules, 0).conditions).toMatchObject([{ rule: 'influx_no_writes' }])
    expect(influxWriteConditions(silent, { ...rules, aggrServerRunning: false }, 0).conditions).toEqual([])
    expect(influxWriteConditions(silent, { ...rules, aggrServerRunning: undefined }, 0).conditions).toEqual(
      [],
    )
  })
})
