import { type InfluxServer, startInflux, startRedis } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DB,
  MEASUREMENT,
  RP,
  type RunningMonitor,
  type Stack,
  startFakeAggrServer,
  startMonitor,
  testEnv,
  waitForStatus,
} from './monitorFixtures.js'

/** influxd with authentication on (influxd reads INFLUXDB_<SECTION>_<KEY> over its config file). */
async function startInfluxWithAuth(): Promise<InfluxServer> {
  process.env.INFLUXDB_HTTP_AUTH_ENABLED = 'true'
  try {
    return await startInflux()
  } finally {
    delete process.env.INFLUXDB_HTTP_AUTH_ENABLED
  }
}

async function asAdmin(influx: InfluxServer, path: string, body: string): Promise<void> {
  const response = await fetch(`${influx.url}${path}${path.includes('?') ? '&' : '?'}u=admin&p=admin-pw`, {
    method: 'POST',
    body,
  })
  if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`)
}

describe('InfluxDB with authentication, the monitor as a user without admin privilege (real influxd)', () => {
  let stack: Stack
  let running: RunningMonitor

  beforeAll(async () => {
    const [redis, influx, aggr] = await Promise.all([
      startRedis(),
      startInfluxWithAuth(),
      startFakeAggrServer(),
    ])
    stack = {
      redis,
      influx,
      aggr,
      stop: async () => void (await Promise.all([redis.stop(), influx.stop(), aggr.close()])),
    }
    // The first admin may be created without credentials; everything after needs them.
    await influx.query("CREATE USER admin WITH PASSWORD 'admin-pw' WITH ALL PRIVILEGES")
    const q = (statement: string) => new URLSearchParams({ q: statement }).toString()
    for (const statement of [
      `CREATE DATABASE ${DB}`,
      `CREATE RETENTION POLICY ${RP} ON ${DB} DURATION 1d REPLICATION 1`,
      "CREATE USER monitor WITH PASSWORD 'monitor-pw'",
      `GRANT READ ON ${DB} TO monitor`,
    ]) {
      await fetch(`${influx.url}/query?u=admin&p=admin-pw&${q(statement)}`, { method: 'POST' })
    }
    const now = BigInt(Date.now()) * 1_000_000n
    await asAdmin(influx, `/write?db=${DB}&rp=${RP}`, `${MEASUREMENT},market=BINANCE:btcusdt vbuy=1 ${now}`)
    running = await startMonitor(
      testEnv(stack, { INFLUX_USERNAME: 'monitor', INFLUX_PASSWORD: 'monitor-pw' }),
    )
  })

  afterAll(async () => {
    await running?.stop()
    await stack?.stop()
  })

  it('reads the data flow with its credentials and says why write figures are unavailable', async () => {
    const aggr = await waitForStatus(running, 'aggr_server', 'healthy')
    expect(aggr.details.data_flow_healthy).toBe(true)
    expect(aggr.details.write_stats).toMatch(
      /^unavailable, because SHOW STATS not permitted: .*requires admin privilege \(the monitor's InfluxDB user needs admin privilege for write statistics\)$/,
    )
    const influx = await running.service('influxdb')
    expect(influx.status).toBe('healthy')
    expect(influx.details).toMatchObject({ reachable: true, database_exists: true, write_rate_per_sec: null })
    expect(influx.details.write_stats).toBe(aggr.details.write_stats)
  })
})
