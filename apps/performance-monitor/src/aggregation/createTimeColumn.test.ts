import { describe, expect, it } from 'vitest'
import { createTimeColumn } from './createTimeColumn.js'

const DAY_MS = 86_400_000
const T0 = Date.parse('2026-11-30T00:00:00Z')

/** Puts `timestamps` into slots 0, 1, … and reads them all back. */
function roundTrip(timestamps: number[], capacity = timestamps.length) {
  const column = createTimeColumn(capacity)
  timestamps.forEach((t, slot) => {
    column.put(slot, t, () => Array.from({ length: slot }, (_, i) => i))
  })
  return { column, read: timestamps.map((_, slot) => column.at(slot)) }
}

describe('createTimeColumn', () => {
  it('keeps whole-ms timestamps in 4 bytes each, on either side of the first', () => {
    const timestamps = [T0, T0 + 1, T0 - 5000, T0 + 24 * DAY_MS, T0 - 24 * DAY_MS]
    const { column, read } = roundTrip(timestamps)
    expect(read).toEqual(timestamps)
    expect(column.bytesPerTimestamp).toBe(4)
  })

  it('moves its base to a timestamp beyond the Int32 range when the kept ones still fit', () => {
    // A series that lives longer than 24.8 days: the newest points are always close together.
    const column = createTimeColumn(2)
    column.put(0, T0, () => [])
    column.put(1, T0 + 20 * DAY_MS, () => [0])
    column.put(0, T0 + 30 * DAY_MS, () => [1])
    expect([column.at(0), column.at(1)]).toEqual([T0 + 30 * DAY_MS, T0 + 20 * DAY_MS])
    expect(column.bytesPerTimestamp).toBe(4)
  })

  it('keeps plain numbers once kept timestamps lie too far apart or one is fractional', () => {
    const far = [T0, T0 + 20 * DAY_MS, T0 + 40 * DAY_MS]
    const wide = roundTrip(far)
    expect(wide.read).toEqual(far)
    expect(wide.column.bytesPerTimestamp).toBe(8)

    const fractional = [T0, T0 + 0.5, 1e300, -7]
    const plain = roundTrip(fractional)
    expect(plain.read).toEqual(fractional)
    expect(plain.column.bytesPerTimestamp).toBe(8)
  })

  it('gives a sibling its base and width, so copied timestamps fit it as they are', () => {
    const { column } = roundTrip([T0, T0 + 1000])
    const grown = column.sibling(4)
    grown.put(3, T0 + 1000, () => [])
    expect(grown.at(3)).toBe(T0 + 1000)
    expect(grown.bytesPerTimestamp).toBe(4)
    expect(roundTrip([T0 + 0.25]).column.sibling(4).bytesPerTimestamp).toBe(8)
  })
})
