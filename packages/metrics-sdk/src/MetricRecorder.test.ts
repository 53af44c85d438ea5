import { createManualClock, MetricValidationError } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { MetricRecorder, type MetricRecorderOptions } from './MetricRecorder.js'
import type { OperationState } from './OperationStats.js'

function setup(overrides: Partial<MetricRecorderOptions> = {}) {
  const time = createManualClock(1_767_225_600_000)
  const recorder = new MetricRecorder({
    service: 'strategy-runner',
    clock: time.clock,
    bufferCapacity: 100,
    maxMetrics: 10,
    maxTagSetsPerMetric: 2,
    errorRateHoldMs: 60_000,
    onInvalid: 'drop',
    ...overrides,
  })
  return { recorder, time }
}

describe('MetricRecorder', () => {
  it('buffers a point with the service and the injected clock time', () => {
    const { recorder, time } = setup()
    time.advance(5)
    expect(recorder.record('signals_generated', 3, 'count', { symbol: 'BTC' })).toBe(true)
    expect(recorder.buffer.take(10).toPoints()).toEqual([
      {
        metric_name: 'signals_generated',
        value: 3,
        unit: 'count',
        service: 'strategy-runner',
        tags: { symbol: 'BTC' },
        timestamp: 1_767_225_600_005,
      },
    ])
  })

  it("drops invalid input under 'drop': counted, reason kept, nothing thrown", () => {
    const { recorder } = setup()
    expect(recorder.record('bad name', 1, 'ms', undefined)).toBe(false)
    expect(recorder.record('ok', Number.NaN, 'ms', undefined)).toBe(false)
    expect(recorder.record('ok', Number.POSITIVE_INFINITY, 'ms', undefined)).toBe(false)
    expect(recorder.record('ok', 1, 'x'.repeat(33), undefined)).toBe(false)
    expect(recorder.rejected).toBe(4)
    expect(recorder.lastRejection).toBe('metric ok: unit must be a string of at most 32 characters')
    expect(recorder.buffer.size).toBe(0)
  })

  it("throws a MetricValidationError with the reason under 'throw'", () => {
    const { recorder } = setup({ onInvalid: 'throw' })
    expect(() => recorder.record('ok', Number.NaN, 'ms', undefined)).toThrow(
      new MetricValidationError('metric ok: value must be a finite number, got NaN'),
    )
    expect(() => recorder.operation('bad op')).toThrow(MetricValidationError)
    expect(recorder.rejected).toBe(2)
  })

  it("never throws for a limit reached, even under 'throw'", () => {
    const { recorder } = setup({ onInvalid: 'throw' })
    recorder.record('m', 1, 'ms', { symbol: 'BTC' })
    recorder.record('m', 1, 'ms', { symbol: 'ETH' })
    expect(recorder.record('m', 1, 'ms', { symbol: 'SOL' })).toBe(false)
    expect(recorder.rejected).toBe(1)
    expect(recorder.lastRejection).toBe('metric m: tag cardinality limit of 2 distinct tag sets reached')
  })

  it('a timed run records <operation>_time_ms and counts; a failed one also counts an error', () => {
    const { recorder, time } = setup()
    const op = recorder.operation('signal_generation') as OperationState
    recorder.recordTiming(op, 12, undefined)
    time.advance(1000)
    recorder.recordTiming(op, 30, undefined, new Error('exchange timeout'))
    expect(
      recorder.buffer
        .take(10)
        .toPoints()
        .map((p) => [p.metric_name, p.value, p.unit]),
    ).toEqual([
      ['signal_generation_time_ms', 12, 'ms'],
      ['signal_generation_time_ms', 30, 'ms'],
    ])
    expect(recorder.operations()).toEqual([{ operation: 'signal_generation', operations: 2, errors: 1 }])
    expect(recorder.recentErrors()).toEqual([
      { operationName: 'signal_generation', errorMessage: 'exchange timeout', timestamp: 1_767_225_601_000 },
    ])
  })

  it('collectRates appends the error rate and error count of the interval', () => {
    const { recorder } = setup()
    const op = recorder.operation('signal_generation') as OperationState
    for (let i = 0; i < 4; i++) recorder.recordTiming(op, 1, undefined, i === 0 ? 'boom' : undefined)
    recorder.buffer.take(100)
    recorder.collectRates()
    expect(
      recorder.buffer
        .take(10)
        .toPoints()
        .map((p) => [p.metric_name, p.value, p.unit]),
    ).toEqual([
      ['signal_generation_error_rate_percent', 25, 'percent'],
      ['signal_generation_error_count', 1, 'count'],
    ])
  })

  it('keeps the last 100 errors, messages cut at 1000 characters', () => {
    const { recorder } = setup()
    const op = recorder.operation('op') as OperationState
    for (let i = 0; i < 150; i++) recorder.recordError(op, `e${i}`)
    recorder.recordError(op, 'x'.repeat(2000))
    const errors = recorder.recentErrors()
    expect(errors).toHaveLength(100)
    expect(errors[0]?.errorMessage).toBe('e51')
    expect(errors[99]?.errorMessage).toHaveLength(1000)
  })
})
