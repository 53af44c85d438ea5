import { describe, expect, it } from 'vitest'
import { encodeColumnarBatch } from './encodeColumnarBatch.js'
import type { PointColumns } from './ingestFields.js'

const shared = Object.freeze({ symbol: 'BTC' })
const columns: PointColumns = {
  length: 4,
  names: ['a', 'a', 'a', 'b'],
  units: ['ms', 'ms', 'ms', 'count'],
  tags: [shared, { symbol: 'BTC' }, shared, {}] as Array<Record<string, string>>,
  values: new Float64Array([1.5, 2, 3, 4]),
  timestamps: new Float64Array([1000, 999, 1003.4, 1010]),
}

describe('encodeColumnarBatch', () => {
  it('writes each series once, whether its tags object is shared or a copy, and offsets from t0', () => {
    expect(JSON.parse(encodeColumnarBatch('svc', columns))).toEqual({
      v: 2,
      service: 'svc',
      t0: 1000,
      series: [
        ['a', 'ms', { symbol: 'BTC' }],
        ['b', 'count', {}],
      ],
      i: [0, 0, 0, 1],
      t: [0, -1, 3, 10],
      x: [1.5, 2, 3, 4],
    })
  })

  it('encodes a slice, with t0 from its first point', () => {
    const entry = JSON.parse(encodeColumnarBatch('svc', columns, 3, 4))
    expect(entry).toMatchObject({ t0: 1010, series: [['b', 'count', {}]], i: [0], t: [0], x: [4] })
  })

  it('is at most a fifth of the v1 size for typical points', () => {
    const n = 1000
    const typical = {
      length: n,
      names: Array.from({ length: n }, (_, k) => (k % 2 ? 'signal_generation_time_ms' : 'signals_generated')),
      units: Array.from({ length: n }, (_, k) => (k % 2 ? 'ms' : 'count')),
      tags: Array.from({ length: n }, () => shared),
      values: Array.from({ length: n }, (_, k) => Math.round(k * 1.37 * 100) / 100),
      timestamps: Array.from({ length: n }, (_, k) => 1_764_484_800_000 + k * 7),
    }
    const v1 = JSON.stringify(
      Array.from({ length: n }, (_, k) => ({
        metric_name: typical.names[k],
        value: typical.values[k],
        unit: typical.units[k],
        service: 'strategy-runner',
        tags: shared,
        timestamp: typical.timestamps[k],
      })),
    )
    const v2 = encodeColumnarBatch('strategy-runner', typical)
    expect(v2.length * 4).toBeLessThan(v1.length)
  })
})
