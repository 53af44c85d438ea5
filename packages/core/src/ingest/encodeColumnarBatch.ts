import { INGEST_VERSION, type PointColumns } from './ingestFields.js'

type Tags = Readonly<Record<string, string>>

/**
 * One v2 entry (the value of field `c`) for points `start` … `end - 1` of `columns`, all recorded by `service`.
 * Writes the series dictionary once and numbers per point: a fifth of the v1 size or less.
 * Points must be valid already (the SDK checks them when recorded); timestamps are rounded to whole ms.
 */
export function encodeColumnarBatch(
  service: string,
  columns: PointColumns,
  start = 0,
  end = columns.length,
): string {
  const series: Array<[string, string, Tags]> = []
  const seriesIndex = createSeriesIndex(series)
  const t0 = end > start ? Math.round(columns.timestamps[start] as number) : 0
  const count = Math.max(0, end - start)
  const i = new Array<number>(count)
  const t = new Array<number>(count)
  const x = new Array<number>(count)
  for (let k = 0; k < count; k++) {
    const p = start + k
    i[k] = seriesIndex(columns.names[p] as string, columns.units[p] as string, columns.tags[p] as Tags)
    t[k] = Math.round(columns.timestamps[p] as number) - t0
    x[k] = columns.values[p] as number
  }
  return JSON.stringify({ v: INGEST_VERSION, service, t0, series, i, t, x })
}

/**
 * Finds or adds a series: by tag-object identity and name first (the SDK shares one frozen object per tag set, so
 * this, two look-ups without building a key, is all it pays), then by content, so callers with fresh objects
 * still get one series per distinct (name, unit, tag set).
 */
function createSeriesIndex(series: Array<[string, string, Tags]>) {
  const byTags = new Map<Tags, Map<string, { unit: string; index: number }>>()
  const byContent = new Map<string, number>()
  const find = (name: string, unit: string, tags: Tags): number => {
    const content = JSON.stringify([
      name,
      unit,
      Object.keys(tags)
        .sort()
        .map((key) => [key, tags[key]]),
    ])
    let index = byContent.get(content)
    if (index === undefined) {
      index = series.length
      series.push([name, unit, tags])
      byContent.set(content, index)
    }
    return index
  }
  return (name: string, unit: string, tags: Tags): number => {
    let names = byTags.get(tags)
    if (names === undefined) {
      names = new Map()
      byTags.set(tags, names)
    }
    const hit = names.get(name)
    if (hit !== undefined && hit.unit === unit) return hit.index
    // A name recorded with a second unit under the same tags takes the content path each time; rare, and correct.
    const index = find(name, unit, tags)
    if (hit === undefined) names.set(name, { unit, index })
    return index
  }
}
