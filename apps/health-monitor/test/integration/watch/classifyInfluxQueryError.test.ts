import { type InfluxServer, startInflux } from '@squeezeflow/test-harness'
import { InfluxDB } from 'influx'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createInfluxAdapter } from '../../../src/adapters/createInfluxAdapter.js'
import { createInfluxTargetSurvey } from '../../../src/adapters/watch/influxTargetSurvey.js'
import { classifyInfluxQueryError } from '../../../src/watch/classifyInfluxQueryError.js'

const DATA_FLOW = {
  windowMinutes: 5,
  gapUnhealthyMinutes: 5,
  gapCriticalMinutes: 10,
  lookbackHours: 24,
  minRecentPoints: 1,
}

describe('classifying data-flow query errors from a real influxd', () => {
  let influx: InfluxServer

  beforeAll(async () => {
    influx = await startInflux()
    // The database exists, the retention policy aggr-server writes to does not (yet).
    await influx.query('CREATE DATABASE significant_trades')
  })

  afterAll(async () => {
    await influx?.stop()
  })

  const target = (over: { database?: string; retentionPolicy?: string; measurement?: string } = {}) => ({
    host: influx.host,
    port: influx.port,
    database: over.database ?? 'significant_trades',
    retentionPolicy: over.retentionPolicy ?? 'aggr_1s',
    measurement: over.measurement ?? 'trades_1s',
    field: 'vbuy',
  })

  /** What the app's own data-flow query raises for `t`. */
  async function dataFlowError(t: ReturnType<typeof target>): Promise<unknown> {
    try {
      await createInfluxAdapter(t, 2000).dataFlow(DATA_FLOW)
    } catch (error) {
      return error
    }
    throw new Error('the data-flow query did not fail')
  }

  const survey = (t: ReturnType<typeof target>) =>
    createInfluxTargetSurvey({ ...t, timeoutMs: 2000 }).survey()

  it('a missing retention policy: the two-statement data-flow query gets only "not executed"; the survey names what is missing', async () => {
    const t = target()
    const error = await dataFlowError(t)
    expect((error as Error).message).toBe('not executed')
    expect(classifyInfluxQueryError(error, t)).toEqual({ kind: 'query_error', message: 'not executed' })
    expect(classifyInfluxQueryError(error, t, await survey(t))).toEqual({
      kind: 'no_data_yet',
      missing: 'retention_policy',
      message:
        'no data yet: retention policy aggr_1s does not exist in significant_trades (aggr-server has never written here, or INFLUX_RETENTION_POLICY is wrong)',
    })
  })

  it("a single statement gets the server's reason, classified without a survey", async () => {
    const t = target()
    const client = new InfluxDB({ host: influx.host, port: influx.port, database: t.database })
    const body = (await client.queryRaw(
      'SELECT count("vbuy") FROM "significant_trades"."aggr_1s"."trades_1s"',
    )) as {
      results: Array<{ error?: string }>
    }
    const error = new Error(body.results[0]?.error)
    expect(error.message).toBe('retention policy not found: aggr_1s')
    expect(classifyInfluxQueryError(error, t)).toMatchObject({
      kind: 'no_data_yet',
      missing: 'retention_policy',
    })
  })

  it('a missing database, likewise', async () => {
    const t = target({ database: 'no_such_db' })
    const error = await dataFlowError(t)
    expect(await survey(t)).toEqual({ databaseExists: false, retentionPolicies: [], measurementExists: null })
    expect(classifyInfluxQueryError(error, t, await survey(t))).toMatchObject({
      kind: 'no_data_yet',
      missing: 'database',
    })
  })

  it('a missing measurement is no error at all in InfluxDB 1.x: an empty result', async () => {
    await influx.query('CREATE RETENTION POLICY aggr_1s ON significant_trades DURATION 1d REPLICATION 1')
    const t = target({ measurement: 'never_written' })
    expect(await createInfluxAdapter(t, 2000).dataFlow(DATA_FLOW)).toEqual({
      recentCount: 0,
      lastWriteMs: null,
    })
    expect(await survey(t)).toEqual({
      databaseExists: true,
      retentionPolicies: ['autogen', 'aggr_1s'],
      measurementExists: false,
    })
  })

  it('any other error in the server’s own words', async () => {
    const client = new InfluxDB({ host: influx.host, port: influx.port, database: 'significant_trades' })
    const error = await client.queryRaw('SELEC x').then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(classifyInfluxQueryError(error, target())).toEqual({
      kind: 'query_error',
      message:
        'error parsing query: found SELEC, expected SELECT, DELETE, SHOW, CREATE, DROP, EXPLAIN, GRANT, REVOKE, ALTER, SET, KILL at line 1, char 1',
    })
  })

  it('influxd down: unreachable, naming host and port', async () => {
    await influx.kill()
    try {
      const t = target()
      // Refused, or reset when the request went out on a kept-alive socket the kernel had not yet closed.
      expect(classifyInfluxQueryError(await dataFlowError(t), t)).toEqual({
        kind: 'unreachable',
        message: expect.stringMatching(
          new RegExp(
            `^influxdb unreachable: 127\\.0\\.0\\.1:${influx.port}: (connection refused|the connection was reset)`,
          ),
        ),
      })
    } finally {
      await influx.restart()
    }
  })
})
