import type { TopLevelSpec } from 'vega-lite'
import type { SeriesPoint } from '../aggregation/types.js'
import { downsampleMinMax } from './downsampleMinMax.js'

export interface ChartInput {
  metric: string
  unit: string
  /** The window drawn, or undefined for all kept points. */
  windowSeconds: number | undefined
  points: readonly SeriesPoint[]
  mean: number | null
  p95: number | null
  /** Size of the whole image in pixels, axes and title included. */
  width: number
  height: number
}

const MEAN_COLOR = '#2ca02c'
const P95_COLOR = '#d62728'
const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif'

const describeWindow = (seconds: number | undefined) => {
  if (seconds === undefined) return 'all kept points'
  if (seconds % 3600 === 0) return `last ${seconds / 3600} h`
  if (seconds % 60 === 0) return `last ${seconds / 60} min`
  return `last ${seconds} s`
}

const format = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toPrecision(3))

/** A Vega-Lite line chart of one metric with its mean and p95 as labelled horizontal rules. */
export function buildChartSpec(input: ChartInput): TopLevelSpec {
  const { metric, unit, windowSeconds, width, height } = input
  const values = downsampleMinMax(input.points, Math.max(2, width)).map((p) => ({
    t: p.timestamp,
    v: p.value,
  }))
  // One datum of their own, or the rule and its label would be drawn once per point of the series.
  const single = { values: [{}] }
  const rule = (value: number | null, label: string, color: string) =>
    value === null
      ? []
      : [
          {
            data: single,
            mark: { type: 'rule' as const, color, strokeDash: [6, 4], strokeWidth: 1.5 },
            encoding: { y: { datum: value } },
          },
          {
            data: single,
            mark: {
              type: 'text' as const,
              color,
              align: 'right' as const,
              baseline: 'bottom' as const,
              dy: -2,
              fontSize: 11,
            },
            encoding: {
              y: { datum: value },
              x: { value: 'width' as const },
              text: { value: `${label} ${format(value)}` },
            },
          },
        ]
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width,
    height,
    // `fit` with `padding`: the width and height are those of the whole image, so the PNG has the requested size.
    autosize: { type: 'fit', contains: 'padding' },
    padding: 8,
    background: 'white',
    config: { font: FONT },
    title: {
      text: `${metric} (${describeWindow(windowSeconds)})`,
      subtitle: values.length === 0 ? 'no points in this window' : `${input.points.length} points`,
    },
    data: { values },
    layer: [
      {
        mark: { type: 'line', strokeWidth: 1.2, point: values.length === 1 },
        encoding: {
          // UTC and 24-hour labels: the same on every host, and no 12-hour clock without AM/PM.
          x: {
            field: 't',
            type: 'temporal',
            title: 'time (UTC)',
            scale: { type: 'utc' },
            axis: { format: '%H:%M:%S' },
          },
          y: {
            field: 'v',
            type: 'quantitative',
            title: unit ? `${metric} (${unit})` : metric,
            scale: { zero: false },
          },
        },
      },
      ...rule(input.mean, 'mean', MEAN_COLOR),
      ...rule(input.p95, 'p95', P95_COLOR),
    ],
  }
}
