import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type InfluxServer, startInflux } from '../src/index.js'

const DB = 'significant_trades'
const POINTS = [
  'trades_1s,market=BINANCE:btcusdt vbuy=1.5,vsell=0.5,cbuy=3i,csell=1i 1700000000000000000',
  'trades_1s,market=BINANCE:btcusdt vbuy=2.5,vsell=1.5,cbuy=4i,csell=2i 1700000001000000000',
  'trades_1s,market=BINANCE:ethusdt vbuy=9,vsell=8,cbuy=5i,csell=6i 1700000001000000000',
].join('\n')

async function countPoints(influx: InfluxServer): Promise<unknown> {
  const res = await influx.query('SELECT count(vbuy) FROM aggr_1s.trades_1s', DB)
  return res.results[0]?.series?.[0]?.values[0]?.[1]
}

describe('startInflux', () => {
  let influx: InfluxServer

  beforeAll(async () => {
    influx = await startInflux()
  })

  afterAll(async () => {
    await influx?.stop()
  })

  it('serves the HTTP API on a free loopback port, not the default one', async () => {
    expect(influx.port).not.toBe(8086)
    const ping = await fetch(`${influx.url}/ping`)
    expect(ping.status).toBe(204)
  })

  it('creates a database, writes line protocol and queries it back', async () => {
    await influx.query(`CREATE DATABASE ${DB}`)
    await influx.query(`CREATE RETENTION POLICY aggr_1s ON ${DB} DURATION INF REPLICATION 1`)
    await influx.write(POINTS, DB, 'aggr_1s')

    const res = await influx.query(
      `SELECT vbuy, cbuy FROM aggr_1s.trades_1s WHERE market = 'BINANCE:btcusdt' ORDER BY time`,
      DB,
    )
    expect(res.results[0]?.series?.[0]?.values).toEqual([
      ['2023-11-14T22:13:20Z', 1.5, 3],
      ['2023-11-14T22:13:21Z', 2.5, 4],
    ])
    expect(await countPoints(influx)).toBe(3)
  })

  it('rejects a bad write and a bad query with the server message', async () => {
    await expect(influx.write('not line protocol', DB)).rejects.toThrow(/400/)
    await expect(influx.query('SELEKT 1', DB)).rejects.toThrow(/error parsing query/)
  })

  it('keeps the data across kill() and restart() on the same port', async () => {
    const port = influx.port
    await influx.kill()
    await expect(fetch(`${influx.url}/ping`)).rejects.toThrow()

    await influx.restart()
    expect(influx.port).toBe(port)
    expect(await countPoints(influx)).toBe(3)
  })
})
