import { describe, expect, it } from 'vitest'
import { mergeRestarts, parseRestart, serializeRestart } from './createRestartHistory.js'
import type { RestartRecord } from './types.js'

const record: RestartRecord = {
  at: Date.parse('2026-01-01T00:00:00Z'),
  outcome: 'pending',
  reason: 'gap',
  instance: 'a',
}

describe('restart records', () => {
  it('round-trip through the sorted-set member format with an ISO time', () => {
    const member = serializeRestart(record)
    expect(JSON.parse(member)).toEqual({
      at: '2026-01-01T00:00:00.000Z',
      outcome: 'pending',
      reason: 'gap',
      instance: 'a',
    })
    expect(parseRestart(member)).toEqual(record)
  })

  it('round-trip settled_at as ISO too, and read members written without it', () => {
    const settled: RestartRecord = { ...record, outcome: 'verified', settled_at: record.at + 3_500 }
    const member = serializeRestart(settled)
    expect(JSON.parse(member)).toMatchObject({ settled_at: '2026-01-01T00:00:03.500Z' })
    expect(parseRestart(member)).toEqual(settled)
    const legacy = parseRestart(serializeRestart({ ...record, outcome: 'verified' }))
    expect(legacy).toEqual({ ...record, outcome: 'verified' })
    expect(legacy).not.toHaveProperty('settled_at')
    // A broken settled_at does not cost the restart its place in the budget.
    const broken = JSON.stringify({ ...JSON.parse(member), settled_at: 'soon' })
    expect(parseRestart(broken)).toEqual({ ...record, outcome: 'verified' })
  })

  it('skip members that are not restarts', () => {
    expect(parseRestart('not json')).toBeUndefined()
    expect(
      parseRestart(JSON.stringify({ ...JSON.parse(serializeRestart(record)), outcome: 'maybe' })),
    ).toBeUndefined()
    expect(
      parseRestart(JSON.stringify({ at: 'yesterday', outcome: 'pending', reason: 'x', instance: 'a' })),
    ).toBeUndefined()
  })

  it('merge Redis and local memory, local winning for the same restart', () => {
    const verified = { ...record, outcome: 'verified' as const }
    const other = { ...record, instance: 'b', at: record.at - 1 }
    expect(mergeRestarts([record, other], [verified])).toEqual([other, verified])
    // Redis lost its data: local memory alone still counts.
    expect(mergeRestarts([], [verified])).toEqual([verified])
  })
})
