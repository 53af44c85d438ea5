import { describe, expect, it } from 'vitest'
import { reconcileRuntimeRules } from './reconcileRuntimeRules.js'

interface Rule {
  name: string
  threshold: number
}

const accept = (raw: Record<string, unknown>, name: string): Rule | undefined => {
  if (raw.scope === 'health') return undefined
  if (typeof raw.threshold_value !== 'number') throw new Error('threshold_value must be a finite number')
  return { name, threshold: raw.threshold_value }
}
const text = (threshold: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ threshold_value: threshold, ...extra })

describe('reconcileRuntimeRules', () => {
  it('applies new rules and only changed ones after that', () => {
    const stored = { backlog: text(100), latency: text(5) }
    const first = reconcileRuntimeRules({ applied: new Map(), stored, accept, limit: 10 })
    expect(first.upsert.map((u) => u.rule)).toEqual([
      { name: 'backlog', threshold: 100 },
      { name: 'latency', threshold: 5 },
    ])
    const applied = new Map(first.upsert.map((u) => [u.name, u.text]))
    const second = reconcileRuntimeRules({
      applied,
      stored: { ...stored, latency: text(7) },
      accept,
      limit: 10,
    })
    expect(second).toEqual({
      upsert: [{ name: 'latency', rule: { name: 'latency', threshold: 7 }, text: text(7) }],
      remove: [],
      rejected: [],
    })
  })

  it('drops rules removed from Redis, and rules that became invalid', () => {
    const applied = new Map([
      ['gone', text(1)],
      ['broken', text(2)],
    ])
    const plan = reconcileRuntimeRules({ applied, stored: { broken: text('high') }, accept, limit: 10 })
    expect(plan.remove.sort()).toEqual(['broken', 'gone'])
    expect(plan.rejected).toEqual([{ name: 'broken', reason: 'threshold_value must be a finite number' }])
  })

  it('refuses text that is not a JSON object', () => {
    const plan = reconcileRuntimeRules({
      applied: new Map(),
      stored: { a: '{', b: '[1]' },
      accept,
      limit: 10,
    })
    expect(plan.rejected.map((r) => r.name)).toEqual(['a', 'b'])
    expect(plan.rejected[1]?.reason).toBe('not a JSON object')
  })

  it('leaves rules of the other scope alone', () => {
    const plan = reconcileRuntimeRules({
      applied: new Map(),
      stored: { cpu: text(80, { scope: 'health' }) },
      accept,
      limit: 10,
    })
    expect(plan).toEqual({ upsert: [], remove: [], rejected: [] })
  })

  it('refuses rules beyond the limit, in name order', () => {
    const plan = reconcileRuntimeRules({
      applied: new Map(),
      stored: { c: text(3), a: text(1), b: text(2) },
      accept,
      limit: 2,
    })
    expect(plan.upsert.map((u) => u.name)).toEqual(['a', 'b'])
    expect(plan.rejected).toEqual([{ name: 'c', reason: 'over the limit of 2 custom alert rules' }])
  })
})
