import { createManualClock } from '@squeezeflow/core'
import { type InfluxServer, startInflux } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createInfluxStats, type InfluxWriteReading } from '../../../src/adapters/watch/influxStats.js'
import {
  deriveInfluxWriteFigures,
  type InfluxWriteSample,
} from '../../../src/watch/deriveInfluxWriteFigures.js'

const DB = 'significant_trades'

/**
 * A killed influxd: connection refused, or — when the request went out on a kept-alive socket (Node's
 * default agent keeps them) before the kernel told the client it was closed — reset.
 */
const downReason = (port: number) =>
  new RegExp(
    `^influxdb unreachable: 127\\.0\\.0\\.1:${port}: (connection refused \\(nothing listens on port ${port}\\)|the connection was reset)$`,
  )

function sample(reading: InfluxWriteReading): InfluxWriteSample {
  if (!reading.available) throw new Error(`SHOW STATS unavailable: ${reading.reason}`)
  return reading
}

/** `count` points of one measurement in one request, one nanosecond apart so none overwrites another. */
async function writePoints(influx: InfluxServer, count: number, offset = 0): Promise<void> {
  const base = 1_796_000_000_000_000_000n + BigInt(offset)
  const lines = Array.from(
    { length: count },
    (_, i) => `trades_1s,market=BINANCE:btcusdt vbuy=${i} ${base + BigInt(i)}`,
  )
  await influx.write(lines.join('\n'), DB)
}

describe('InfluxDB write figures against a real influxd', () => {
  let influx: InfluxServer
  const manual = createManualClock()

  beforeAll(async () => {
    influx = await startInflux()
    await influx.query(`CREATE DATABASE ${DB}`)
  })

  afterAll(async () => {
    await influx?.stop()
  })

  const reader = () =>
    createInfluxStats({
      host: influx.host,
      port: influx.port,
      database: DB,
      timeoutMs: 5000,
      clock: manual.clock,
    })

  it('gives the write rate of what was written, over the time between the samples', async () => {
    const stats = reader()
    const before = sample(await stats.read())
    for (let batch = 0; batch < 5; batch++) await writePoints(influx, 100, batch * 1000)
    manual.advance(10_000)
    const figures = deriveInfluxWriteFigures(before, sample(await stats.read()))
    // 500 points in 10 s of the injected clock
    expect(figures.write_rate_per_sec).toBeGreaterThanOrEqual(45)
    expect(figures.write_rate_per_sec).toBeLessThanOrEqual(55)
    expect(figures).toMatchObject({
      counters_reset: false,
      write_requests_per_min: 30,
      write_errors_per_min: 0,
      write_error_percent: 0,
      points_dropped: 0,
    })
  })

  it('raises the write-error figures for bad line protocol, and counts points dropped by a type conflict', async () => {
    const stats = reader()
    const before = sample(await stats.read())
    await writePoints(influx, 10, 50_000)
    await expect(influx.write('trades_1s vbuy=', DB)).rejects.toThrow(/400.*missing field value/)
    await expect(influx.write('trades_1s,market=x vbuy="text" 1796000000000999999', DB)).rejects.toThrow(
      /field type conflict/,
    )
    manual.advance(60_000)
    const figures = deriveInfluxWriteFigures(before, sample(await stats.read()))
    expect(figures).toMatchObject({
      write_requests_per_min: 3,
      write_errors_per_min: 2,
      write_error_percent: 66.67,
      points_dropped: 1,
      write_rate_per_sec: 0.17,
    })
  })

  it('gives no rate, never a negative one, across a restart of influxd', async () => {
    const stats = reader()
    await writePoints(influx, 50, 90_000)
    const before = sample(await stats.read())
    await influx.restart()
    await writePoints(influx, 5, 95_000)
    manual.advance(30_000)
    const figures = deriveInfluxWriteFigures(before, sample(await stats.read()))
    expect(figures.counters_reset).toBe(true)
    expect(figures).toMatchObject({
      write_rate_per_sec: null,
      write_requests_per_min: null,
      write_error_percent: null,
    })
  })

  it('is unavailable with the reason while influxd is down', async () => {
    await influx.kill()
    try {
      expect(await reader().read()).toEqual({
        available: false,
        reason: expect.stringMatching(downReason(influx.port)),
      })
    } finally {
      await influx.restart()
    }
  })
})

describe('SHOW STATS with authentication on', () => {
  let influx: InfluxServer

  beforeAll(async () => {
    // influxd reads INFLUXDB_<SECTION>_<KEY> over its config file; the harness passes the environment on.
    process.env.INFLUXDB_HTTP_AUTH_ENABLED = 'true'
    try {
      influx = await startInflux()
    } finally {
      delete process.env.INFLUXDB_HTTP_AUTH_ENABLED
    }
    // The first admin may be created without credentials; everything after needs them.
    await influx.query("CREATE USER admin WITH PASSWORD 'admin-pw' WITH ALL PRIVILEGES")
    const form = new URLSearchParams({ q: "CREATE USER monitor WITH PASSWORD 'monitor-pw'" })
    const created = await fetch(`${influx.url}/query?u=admin&p=admin-pw`, { method: 'POST', body: form })
    expect(created.status).toBe(200)
  })

  afterAll(async () => {
    await influx?.stop()
  })

  const as = (username?: string, password?: string) =>
    createInfluxStats({
      host: influx.host,
      port: influx.port,
      database: DB,
      timeoutMs: 5000,
      clock: Date.now,
      ...(username === undefined ? {} : { username, password }),
    })

  it('is unavailable, saying the user needs admin privilege, for a user without it', async () => {
    expect(await as('monitor', 'monitor-pw').read()).toEqual({
      available: false,
      reason:
        "SHOW STATS not permitted: error authorizing query: monitor not authorized to execute statement 'SHOW STATS FOR 'httpd'', requires admin privilege (the monitor's InfluxDB user needs admin privilege for write statistics)",
    })
    expect(await as().read()).toMatchObject({
      available: false,
      reason: expect.stringMatching(/^SHOW STATS not permitted: /),
    })
  })

  it('reads the counters as an admin', async () => {
    expect(await as('admin', 'admin-pw').read()).toMatchObject({ available: true })
  })
})
