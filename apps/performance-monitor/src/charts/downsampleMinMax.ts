import type { SeriesPoint } from '../aggregation/types.js'

/**
 * At most `maxPoints` points for drawing: the points are cut into equal buckets and each bucket keeps its lowest
 * and highest point, in time order, so spikes survive where plain striding would drop them.
 */
export function downsampleMinMax(points: readonly SeriesPoint[], maxPoints: number): SeriesPoint[] {
  if (points.length <= maxPoints) return [...points]
  const buckets = Math.max(1, Math.floor(maxPoints / 2))
  const size = points.length / buckets
  const result: SeriesPoint[] = []
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size)
    const end = Math.min(points.length, Math.floor((b + 1) * size))
    let low = start
    let high = start
    for (let i = start + 1; i < end; i++) {
      if ((points[i] as SeriesPoint).value < (points[low] as SeriesPoint).value) low = i
      if ((points[i] as SeriesPoint).value > (points[high] as SeriesPoint).value) high = i
    }
    for (const i of low === high ? [low] : [Math.min(low, high), Math.max(low, high)])
      result.push(points[i] as SeriesPoint)
  }
  return result
}
