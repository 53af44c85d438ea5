import { createManualClock } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { silentLogger } from '../../test/fixtures/silentLogger.js'
import type { CheckOutcome } from '../types.js'
import { createCheckLoop } from './createCheckLoop.js'

const healthy = async (): Promise<CheckOutcome> => ({ status: 'healthy', message: 'ok' })
const never = () => new Promise<CheckOutcome>(() => undefined)

function setup(slowCheckMs = 60_000) {
  const manual = createManualClock()
  const loop = createCheckLoop({
    intervalSeconds: 30,
    defaultTimeoutSeconds: 5,
    slowCheckMs,
    clock: manual.clock,
    logger: silentLogger,
  })
  return { ...manual, loop }
}

describe('createCheckLoop', () => {
  it('shows every registered check as unknown before the first cycle', () => {
    const { loop } = setup()
    loop.registerCheck('a', healthy)
    expect(loop.results().get('a')).toMatchObject({ status: 'unknown', message: 'not checked yet' })
    expect(loop.lastReport()).toBeUndefined()
  })

  it('turns a timeout into unhealthy and a throw into critical, without holding up the others', async () => {
    const { loop } = setup()
    loop.registerCheck('fine', healthy)
    loop.registerCheck('slow', never, { timeoutSeconds: 0.05 })
    loop.registerCheck('broken', async () => {
      throw new Error('kaput')
    })
    loop.registerCheck('sync_throw', (() => {
      throw new Error('sync kaput')
    }) as () => Promise<CheckOutcome>)
    const report = await loop.runCycle()
    expect(report.results.get('fine')?.status).toBe('healthy')
    expect(report.results.get('slow')).toMatchObject({
      status: 'unhealthy',
      message: 'timed out after 50 ms',
    })
    expect(report.results.get('broken')).toMatchObject({ status: 'critical', message: 'check failed: kaput' })
    expect(report.results.get('sync_throw')?.status).toBe('critical')
    expect(report.conditions.get('broken')).toEqual([
      expect.objectContaining({ rule: 'service_status', severity: 'critical' }),
    ])
    expect(report.conditions.get('slow')).toEqual([
      expect.objectContaining({ rule: 'service_status', severity: 'warning' }),
    ])
  })

  it('does not pile up runs of a check that is still stuck', async () => {
    const { loop } = setup()
    let started = 0
    loop.registerCheck(
      'stuck',
      () => {
        started += 1
        return never()
      },
      { timeoutSeconds: 0.02 },
    )
    await loop.runCycle()
    const second = await loop.runCycle()
    expect(started).toBe(1)
    expect(second.results.get('stuck')?.details).toMatchObject({ stuck: true })
  })

  it('keeps the last 100 results per service, newest first', async () => {
    const { loop, advance } = setup()
    let n = 0
    loop.registerCheck('counter', async () => ({ status: 'healthy', message: `run ${++n}` }))
    for (let i = 0; i < 105; i++) {
      await loop.runCycle()
      advance(1000)
    }
    const history = loop.history('counter')
    expect(history).toHaveLength(100)
    expect(history[0]?.message).toBe('run 105')
    expect(history[99]?.message).toBe('run 6')
  })

  it('rejects bad registrations with a specific message', () => {
    const { loop } = setup()
    loop.registerCheck('a', healthy)
    expect(() => loop.registerCheck('a', healthy)).toThrow('check "a" is already registered')
    expect(() => loop.registerCheck('Bad Name', healthy)).toThrow(/must match/)
    expect(() => loop.registerCheck('b', healthy, { timeoutSeconds: 0 })).toThrow(/timeoutSeconds/)
  })

  it('marks a slow but healthy check degraded with a response-time warning', async () => {
    const { loop } = setup(0)
    loop.registerCheck('a', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      return { status: 'healthy', message: 'ok' }
    })
    const report = await loop.runCycle()
    expect(report.results.get('a')?.status).toBe('degraded')
    expect(report.conditions.get('a')?.map((c) => c.rule)).toEqual(['response_time_gt'])
  })

  it('tells listeners about each cycle, and a failing listener harms nobody', async () => {
    const { loop } = setup()
    loop.registerCheck('a', healthy, { critical: false })
    const cycles: number[] = []
    loop.onCycle(() => {
      throw new Error('listener bug')
    })
    loop.onCycle((report) => {
      cycles.push(report.cycle)
    })
    await loop.runCycle()
    const report = await loop.runCycle()
    expect(cycles).toEqual([1, 2])
    expect(report.criticalServices.has('a')).toBe(false)
  })
})
