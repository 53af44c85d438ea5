import type { MetricPoint } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { decodeBatch, encodeBatch, INGEST_FIELD } from './ingestCodec.js'

const point: MetricPoint = {
  metric_name: 'signal_generation_time_ms',
  value: 12.5,
  unit: 'ms',
  service: 'strategy-runner',
  tags: { symbol: 'BTC' },
  timestamp: 1_767_225_600_000,
}

describe('ingest codec', () => {
  it('names the stream field p', () => {
    expect(INGEST_FIELD).toBe('p')
  })

  it('encodes a JSON array with the contract keys and decodes it back', () => {
    const text = encodeBatch([point, { ...point, value: 3, tags: {} }])
    expect(JSON.parse(text)).toEqual([point, { ...point, value: 3, tags: {} }])
    expect(Object.keys(JSON.parse(text)[0])).toEqual([
      'metric_name',
      'value',
      'unit',
      'service',
      'tags',
      'timestamp',
    ])
    expect(decodeBatch(text)).toEqual([point, { ...point, value: 3, tags: {} }])
  })

  it('skips invalid points with a reason and keeps the valid ones', () => {
    const reasons: string[] = []
    const text = JSON.stringify([
      point,
      { ...point, metric_name: 'bad name' },
      { ...point, value: 'fast' },
      { ...point, timestamp: 'now' },
      { ...point, tags: { symbol: 5 } },
      { ...point, service: '' },
      42,
    ])
    expect(decodeBatch(text, (reason) => reasons.push(reason))).toEqual([point])
    expect(reasons).toEqual([
      'metric name "bad name" must match /^[a-zA-Z_][a-zA-Z0-9_.]{0,127}$/',
      'metric signal_generation_time_ms: value must be a finite number, got fast',
      'metric signal_generation_time_ms: timestamp must be a finite number of ms',
      'metric signal_generation_time_ms: tag symbol must be a string of at most 128 characters',
      'metric signal_generation_time_ms: service must be a non-empty string',
      'point is not an object',
    ])
  })

  it('drops keys outside the contract', () => {
    const [decoded] = decodeBatch(JSON.stringify([{ ...point, extra: 'x' }]))
    expect(decoded).toEqual(point)
  })

  it('yields nothing, without throwing, for text that is not a JSON array', () => {
    const reasons: string[] = []
    expect(decodeBatch('{not json', (r) => reasons.push(r))).toEqual([])
    expect(decodeBatch('{"a":1}', (r) => reasons.push(r))).toEqual([])
    expect(reasons[0]).toMatch(/^batch is not JSON: /)
    expect(reasons[1]).toBe('batch is not a JSON array')
  })
})
