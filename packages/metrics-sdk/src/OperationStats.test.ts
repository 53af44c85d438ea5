import { describe, expect, it } from 'vitest'
import { type OperationState, OperationStats } from './OperationStats.js'
import { Rejection } from './Rejection.js'

const SECOND = 1000

function setup(holdMs = 300 * SECOND) {
  const stats = new OperationStats({ maxOperations: 10, holdMs })
  const op = stats.operation('signal_generation') as OperationState
  /** One interval: `ops` operations of which `errors` failed, then the collection at `now`. */
  const interval = (now: number, ops: number, errors: number) => {
    for (let i = 0; i < ops; i++) stats.countOperation(op)
    for (let i = 0; i < errors; i++) stats.countError(op, now)
    return stats.collect(now).map((r) => r.errorRatePercent)
  }
  return { stats, op, interval }
}

describe('OperationStats', () => {
  it('emits no rate for an operation that never failed', () => {
    const { interval } = setup()
    expect(interval(1 * SECOND, 50, 0)).toEqual([])
  })

  it('rate = errors / operations × 100 over the interval since the last collection', () => {
    const { interval, op } = setup()
    expect(interval(1 * SECOND, 20, 2)).toEqual([10])
    expect(interval(2 * SECOND, 10, 5)).toEqual([50])
    expect(op.operations).toBe(30)
    expect(op.errors).toBe(7)
  })

  it('keeps emitting 0 after errors stop, so a "> 5% for 60 s" alert sees the rate fall and resolves', () => {
    const { interval } = setup(300 * SECOND)
    const rates: number[] = []
    const run = (seconds: number, ops: number, errors: number) => {
      for (let i = 0; i < seconds; i++) rates.push(...interval((rates.length + 1) * SECOND, ops, errors))
    }
    run(90, 10, 1)
    expect(rates.every((r) => r === 10)).toBe(true)
    // Errors stop; traffic goes on, then stops altogether.
    run(60, 10, 0)
    run(60, 0, 0)
    expect(rates.slice(90)).toEqual(Array(120).fill(0))
  })

  it('stops emitting once the hold after the last error has passed', () => {
    const { interval } = setup(5 * SECOND)
    expect(interval(1 * SECOND, 4, 1)).toEqual([25])
    expect(interval(6 * SECOND, 4, 0)).toEqual([0])
    expect(interval(7 * SECOND, 4, 0)).toEqual([])
  })

  it('clamps to 100 when errors outnumber operations, and is 100 for errors without operations', () => {
    const { interval } = setup()
    expect(interval(1 * SECOND, 1, 3)).toEqual([100])
    expect(interval(2 * SECOND, 0, 1)).toEqual([100])
  })

  it('reports errors counted in the interval', () => {
    const { stats, op } = setup()
    stats.countOperation(op)
    stats.countError(op, 5)
    expect(stats.collect(10)[0]?.intervalErrors).toBe(1)
    expect(stats.collect(20)[0]?.intervalErrors).toBe(0)
  })

  it('rejects names that cannot form metric names, and bounds the number of operations', () => {
    const stats = new OperationStats({ maxOperations: 1, holdMs: 0 })
    const bad = stats.operation('signal generation') as Rejection
    expect(bad.reason).toMatch(
      /^operation name "signal generation" must make "signal generation_error_rate_percent" match/,
    )
    expect(stats.operation('x'.repeat(120))).toBeInstanceOf(Rejection)
    expect(stats.operation('a')).not.toBeInstanceOf(Rejection)
    const over = stats.operation('b') as Rejection
    expect(over.reason).toBe('operation b: limit of 1 distinct operations reached')
    expect(over.isLimit).toBe(true)
  })
})
