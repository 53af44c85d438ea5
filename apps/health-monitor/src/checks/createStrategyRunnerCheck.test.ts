import { createManualClock } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { createStrategyRunnerCheck } from './createStrategyRunnerCheck.js'

function setup(values: Array<number | null | Error>) {
  const manual = createManualClock()
  const readCounter = async () => {
    const next = values.shift()
    if (next instanceof Error) throw next
    return next ?? null
  }
  const check = createStrategyRunnerCheck({
    readCounter,
    counterKey: 'sq:stats:signals_published',
    stallSeconds: 60,
    clock: manual.clock,
  })
  return { ...manual, check }
}

describe('strategy_runner check', () => {
  it('is unhealthy while the counter is absent', async () => {
    const { check } = setup([null])
    const outcome = await check()
    expect(outcome.status).toBe('unhealthy')
    expect(outcome.details).toMatchObject({ signals_published: null, container_running: null })
  })

  it('is healthy while the counter advances and degraded once it stalls beyond the window', async () => {
    const { check, advance } = setup([1, 2, 2, 2, 3])
    expect((await check()).status).toBe('healthy')
    advance(30_000)
    expect((await check()).status).toBe('healthy')
    advance(60_000)
    expect((await check()).status).toBe('healthy')
    advance(1_000)
    const stalled = await check()
    expect(stalled.status).toBe('degraded')
    expect(stalled.message).toMatch(/not generating signals/)
    expect(stalled.details).toMatchObject({ generating_signals: false, seconds_since_advance: 61 })
    expect(stalled.conditions?.map((c) => c.rule)).toEqual(['signals_stalled'])
    advance(1_000)
    expect((await check()).status).toBe('healthy')
  })

  it('counts a counter reset as progress', async () => {
    const { check, advance } = setup([50, 1])
    await check()
    advance(120_000)
    expect((await check()).status).toBe('healthy')
  })

  it('names redis as the cause when the counter cannot be read', async () => {
    const { check } = setup([new Error('not connected')])
    const outcome = await check()
    expect(outcome.status).toBe('unknown')
    expect(outcome.details?.dependency_down).toBe('redis')
  })
})
