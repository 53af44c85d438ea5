import type { HttpError } from '@squeezeflow/service-kit/http'
import { describe, expect, it } from 'vitest'
import { parseMetric, parseSize, parseWindow } from './parseQuery.js'

describe('parseQuery', () => {
  it('reads valid values and defaults', () => {
    expect(parseWindow({ window: '60' })).toBe(60)
    expect(parseWindow({})).toBeUndefined()
    expect(parseMetric({ metric: 'signal_processing_time_ms' })).toBe('signal_processing_time_ms')
    expect(parseSize({})).toEqual({ width: 800, height: 400 })
    expect(parseSize({ width: '640', height: '320' })).toEqual({ width: 640, height: 320 })
  })

  it.each([
    [() => parseWindow({ window: '-5' }), /window must be an integer from 1/],
    [() => parseWindow({ window: '1e3' }), /window/],
    [() => parseWindow({ window: ['60', '300'] }), /window must be given once/],
    [() => parseMetric({ metric: 'a b' }), /metric must match/],
    [() => parseSize({ width: '50' }), /width must be an integer from 200 to 4000/],
  ])('answers 400 for a bad value (%#)', (parse, message) => {
    expect(parse).toThrow(message)
    try {
      parse()
    } catch (err) {
      expect((err as HttpError).status).toBe(400)
    }
  })
})
