import type { TopLevelSpec } from 'vega-lite'
import { describe, expect, it } from 'vitest'
import { renderChartPng } from './renderChart.js'

const spec = (title: string): TopLevelSpec => ({
  title,
  width: 200,
  height: 100,
  data: { values: [{ x: 1, y: 2 }] },
  mark: 'point',
  encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
})

describe('renderChartPng', () => {
  it('draws text with its bundled font, whatever fonts the host has', async () => {
    // Only the title differs: the images differ only if glyphs are actually drawn.
    const [a, b] = await Promise.all([
      renderChartPng(spec('Latency p95')),
      renderChartPng(spec('Memory RSS')),
    ])
    expect(a.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(a.equals(b)).toBe(false)
  })
})
