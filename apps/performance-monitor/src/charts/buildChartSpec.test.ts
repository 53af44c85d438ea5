import { describe, expect, it } from 'vitest'
import { buildChartSpec } from './buildChartSpec.js'

describe('buildChartSpec', () => {
  it('titles the chart, labels both axes and draws mean and p95 rules', () => {
    const spec = buildChartSpec({
      metric: 'signal_processing_time_ms',
      unit: 'ms',
      windowSeconds: 300,
      points: [
        { timestamp: 1, value: 10 },
        { timestamp: 2, value: 30 },
      ],
      mean: 20,
      p95: 29.5,
      width: 640,
      height: 320,
    })
    const text = JSON.stringify(spec)
    expect(spec).toMatchObject({ width: 640, height: 320, autosize: { type: 'fit', contains: 'padding' } })
    expect(text).toContain('signal_processing_time_ms (last 5 min)')
    expect(text).toContain('"title":"time (UTC)"')
    expect(text).toContain('"title":"signal_processing_time_ms (ms)"')
    expect(text).toContain('"text":{"value":"mean 20.0"}')
    expect(text).toContain('"text":{"value":"p95 29.5"}')
  })

  it('says so when the window is empty and draws no rules', () => {
    const spec = buildChartSpec({
      metric: 'x',
      unit: '',
      windowSeconds: 60,
      points: [],
      mean: null,
      p95: null,
      width: 300,
      height: 200,
    })
    expect(JSON.stringify(spec)).toContain('no points in this window')
    expect(JSON.stringify(spec)).not.toContain('"rule"')
  })
})
