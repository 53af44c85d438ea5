import { createManualClock } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import type { InfluxWriteReading } from '../adapters/watch/influxStats.js'
import { influxWriteCounters } from '../watch/deriveInfluxWriteFigures.js'
import { createInfluxWriteWatch } from './createInfluxWriteWatch.js'

function reading(atMs: number, httpd: Record<string, number>): InfluxWriteReading {
  const columns = Object.keys(httpd)
  const series = [{ name: 'httpd', columns, values: [columns.map((c) => httpd[c])] }]
  return { available: true, atMs, counters: influxWriteCounters(series) }
}

function setup(readings: Array<(atMs: number) => InfluxWriteReading>, running: boolean | undefined = true) {
  const { clock, advance } = createManualClock()
  let reads = 0
  const watch = createInfluxWriteWatch({
    read: async () => {
      const next = readings[Math.min(reads, readings.length - 1)] as (atMs: number) => InfluxWriteReading
      reads++
      return next(clock())
    },
    errorPercent: 1,
    aggrServerRunning: async () => running,
    shareWithinMs: 500,
    clock,
  })
  return { watch, advance, reads: () => reads }
}

describe('createInfluxWriteWatch', () => {
  it('has every figure null in the first cycle and rates from the second', async () => {
    const { watch, advance } = setup([
      (at) => reading(at, { writeReq: 10, pointsWrittenOK: 100 }),
      (at) => reading(at, { writeReq: 20, pointsWrittenOK: 400 }),
    ])
    const first = await watch.current()
    expect(first.details).toMatchObject({ write_rate_per_sec: null, points_dropped: null })
    advance(10_000)
    const second = await watch.current()
    expect(second.details).toMatchObject({
      write_rate_per_sec: 30,
      write_requests_per_min: 60,
      write_error_percent: 0,
      write_stats: 'available',
    })
  })

  it('shares one reading between the checks of a cycle', async () => {
    const { watch, advance, reads } = setup([(at) => reading(at, { writeReq: 1 })])
    await Promise.all([watch.current(), watch.current()])
    await watch.current()
    expect(reads()).toBe(1)
    advance(1000)
    await watch.current()
    expect(reads()).toBe(2)
  })

  it('warns about errors only from the second cycle in a row above the threshold', async () => {
    let errors = 0
    const { watch, advance } = setup([
      (at) => {
        errors += 5
        return reading(at, { writeReq: errors * 10, clientError: errors, pointsWrittenOK: errors })
      },
    ])
    await watch.current()
    advance(1000)
    expect((await watch.current()).conditions).toEqual([])
    advance(1000)
    const rules = (await watch.current()).conditions.map((c) => c.rule)
    expect(rules).toEqual(['influx_write_errors'])
  })

  it('warns about no writes while aggr-server runs', async () => {
    const { watch, advance } = setup([(at) => reading(at, { writeReq: 0, pointsWrittenOK: 7 })])
    await watch.current()
    advance(1000)
    expect((await watch.current()).conditions.map((c) => c.rule)).toEqual(['influx_no_writes'])
  })

  it('says why the figures are unavailable and keeps every name', async () => {
    const { watch } = setup([() => ({ available: false, reason: 'SHOW STATS not permitted: no' })])
    const view = await watch.current()
    expect(view.unavailable).toBe('SHOW STATS not permitted: no')
    expect(view.details).toMatchObject({
      write_rate_per_sec: null,
      write_stats: 'unavailable, because SHOW STATS not permitted: no',
    })
  })
})
