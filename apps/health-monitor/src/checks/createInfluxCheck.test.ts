import { describe, expect, it } from 'vitest'
import { createInfluxCheck, type InfluxProbe } from './createInfluxCheck.js'

const probe = (over: Partial<InfluxProbe>): InfluxProbe => ({
  ping: async () => ({ online: true, version: '1.6.7', rttMs: 2 }),
  databaseNames: async () => ['_internal', 'significant_trades'],
  ...over,
})

describe('influxdb check', () => {
  it('is healthy when it answers and the database exists', async () => {
    const outcome = await createInfluxCheck(probe({}), 'significant_trades')()
    expect(outcome.status).toBe('healthy')
    expect(outcome.details).toMatchObject({ version: '1.6.7', database_exists: true, ping_ms: 2 })
    expect(typeof outcome.details?.query_ms).toBe('number')
  })

  it('is critical when the database is missing', async () => {
    const outcome = await createInfluxCheck(probe({ databaseNames: async () => [] }), 'significant_trades')()
    expect(outcome.status).toBe('critical')
    expect(outcome.message).toMatch(/does not exist/)
  })

  it('is critical when the ping fails or the query throws', async () => {
    const offline = await createInfluxCheck(
      probe({ ping: async () => ({ online: false, rttMs: 0 }) }),
      'db',
    )()
    expect(offline).toMatchObject({ status: 'critical', details: { reachable: false } })
    const broken = await createInfluxCheck(
      probe({ databaseNames: () => Promise.reject(new Error('boom')) }),
      'db',
    )()
    expect(broken.message).toBe('influxdb unreachable: boom')
  })
})
