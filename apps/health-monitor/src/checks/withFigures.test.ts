import { describe, expect, it } from 'vitest'
import { withFigures } from './withFigures.js'

describe('withFigures', () => {
  const check = async () => ({
    status: 'healthy' as const,
    message: 'ok',
    details: { a: 1 },
    conditions: [{ rule: 'own', severity: 'warning' as const, message: 'own' }],
  })

  it('adds the figures and their conditions and keeps the status', async () => {
    const outcome = await withFigures(check, [
      async () => ({
        details: { b: 2 },
        conditions: [{ rule: 'queue_depth_high:q', severity: 'warning', message: 'deep' }],
      }),
      undefined,
    ])()
    expect(outcome.status).toBe('healthy')
    expect(outcome.details).toEqual({ a: 1, b: 2 })
    expect(outcome.conditions?.map((c) => c.rule)).toEqual(['own', 'queue_depth_high:q'])
  })

  it('shows a failed source instead of failing the check', async () => {
    const outcome = await withFigures(check, [() => Promise.reject(new Error('gone'))])()
    expect(outcome.details).toEqual({ a: 1, figures_error: 'gone' })
  })

  it('is the check itself without sources', () => {
    expect(withFigures(check, [undefined])).toBe(check)
  })

  it('gives up on a source still reading at its deadline', async () => {
    const outcome = await withFigures(check, [() => new Promise(() => undefined)], 20)()
    expect(outcome.details).toEqual({ a: 1, figures_error: 'figures timed out after 20 ms' })
  })
})
