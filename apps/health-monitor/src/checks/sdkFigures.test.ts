import type { MetricSummary } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { dashboard } from '../../test/fixtures/dashboard.js'
import { MAX_SDK_OPERATIONS, sdkOperations } from './sdkFigures.js'

function summary(service: string, p95: number | null): MetricSummary {
  const empty = { count: 1, mean: p95, median: p95, std: 0, min: p95, max: p95, p99: p95, latest: p95 }
  return { ...empty, p95, trend: 'stable', unit: 'ms', service, window_seconds: 300 }
}

describe('sdkOperations', () => {
  const d = dashboard('2026-01-01T12:00:00.000Z')
  d.metrics = {
    write_batch_time_ms: summary('aggr-server', 40),
    fetch_trades_time_ms: summary('aggr-server', 120),
    fetch_trades_error_count: summary('aggr-server', 2),
    store_error_count: summary('aggr-server', 1),
    compute_signal_time_ms: summary('strategy_runner', 9),
  }
  d.operations = {
    fetch_trades: { count: 50, errors: 2, error_rate_percent: 4, recent_error_rate_percent: 10 },
    write_batch: { count: 80, errors: 0, error_rate_percent: 0, recent_error_rate_percent: null },
    store: { count: 0, errors: 1, error_rate_percent: 100, recent_error_rate_percent: null },
  }

  it('lists the operations a service recorded, slowest p95 first, with their error rates', () => {
    expect(sdkOperations(d, 'aggr_server')).toEqual([
      {
        operation: 'fetch_trades',
        p95_ms: 120,
        count: 50,
        errors: 2,
        error_rate_percent: 4,
        recent_error_rate_percent: 10,
      },
      {
        operation: 'write_batch',
        p95_ms: 40,
        count: 80,
        errors: 0,
        error_rate_percent: 0,
        recent_error_rate_percent: null,
      },
      {
        operation: 'store',
        p95_ms: null,
        count: 0,
        errors: 1,
        error_rate_percent: 100,
        recent_error_rate_percent: null,
      },
    ])
    expect(sdkOperations(d, 'strategy_runner').map((o) => o.operation)).toEqual(['compute_signal'])
    expect(sdkOperations(d, 'redis')).toEqual([])
  })

  it(`keeps the ${MAX_SDK_OPERATIONS} slowest`, () => {
    const many = dashboard('2026-01-01T12:00:00.000Z')
    many.metrics = Object.fromEntries(
      Array.from({ length: 15 }, (_, i) => [`op${i}_time_ms`, summary('aggr_server', i)]),
    )
    const shown = sdkOperations(many, 'aggr_server')
    expect(shown).toHaveLength(MAX_SDK_OPERATIONS)
    expect(shown[0]?.operation).toBe('op14')
  })
})
