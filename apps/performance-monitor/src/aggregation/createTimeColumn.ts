const INT32_MIN = -(2 ** 31)
const INT32_MAX = 2 ** 31 - 1

/**
 * The timestamps of one series' ring. While they are whole milliseconds within ±24.8 days (the Int32 range) of a
 * base, each is kept in 4 bytes as an offset from it. The SDKs stamp whole ms, so that is the usual case, and it
 * saves a quarter of what a full series costs (README "Aggregation"). A timestamp that does not fit moves the
 * base to it when every kept timestamp still fits (a series older than 24.8 days); otherwise (fractional or far
 * apart timestamps) the column keeps plain 8-byte numbers from then on. Either way every timestamp reads back
 * exactly as it was stored.
 */
export interface TimeColumn {
  /** 4 while timestamps are kept as offsets, 8 once they are kept as they are. */
  readonly bytesPerTimestamp: 4 | 8
  at(slot: number): number
  /**
   * Stores `timestampMs` at `slot`. `kept` lists the other slots in use: their timestamps are rewritten if the
   * representation changes, which is the only time it is called.
   */
  put(slot: number, timestampMs: number, kept: () => Iterable<number>): void
  /**
   * An empty column of `capacity` slots with this one's base and representation, to copy into when growing;
   * `offsets` as in {@link TimeColumnOptions}.
   */
  sibling(capacity: number, offsets?: Int32Array): TimeColumn
}

export interface TimeColumnOptions {
  /**
   * Where the offsets live: `capacity` slots that may be a view on a buffer shared with other columns (a ring
   * keeps its values and offsets in one allocation). A new array when absent. Unused once the column is wide.
   */
  offsets?: Int32Array
  /** The timestamp offsets are taken from; NaN until the first timestamp that can be one. */
  base?: number
  /** Keeps plain 8-byte numbers from the start. */
  wide?: boolean
}

export function createTimeColumn(
  capacity: number,
  { offsets: storage, base = Number.NaN, wide = false }: TimeColumnOptions = {},
): TimeColumn {
  if (storage !== undefined && storage.length !== capacity)
    throw new RangeError(`offsets hold ${storage.length} slots, not ${capacity}`)
  let offsets: Int32Array | undefined = wide ? undefined : (storage ?? new Int32Array(capacity))
  let plain: Float64Array | undefined = wide ? new Float64Array(capacity) : undefined
  let timeBase = base

  const fitsFrom = (from: number, timestampMs: number) => {
    const offset = timestampMs - from
    return Number.isInteger(offset) && offset >= INT32_MIN && offset <= INT32_MAX
  }

  const widen = (columns: Int32Array, kept: () => Iterable<number>) => {
    plain = new Float64Array(capacity)
    for (const slot of kept()) plain[slot] = timeBase + (columns[slot] as number)
    offsets = undefined
  }

  /** Makes room for `timestampMs` as an offset if it can, else widens. */
  const adapt = (columns: Int32Array, timestampMs: number, kept: () => Iterable<number>) => {
    if (!Number.isSafeInteger(timestampMs)) return widen(columns, kept)
    if (Number.isNaN(timeBase)) {
      timeBase = timestampMs
      return
    }
    const slots = [...kept()]
    if (!slots.every((slot) => fitsFrom(timestampMs, timeBase + (columns[slot] as number))))
      return widen(columns, kept)
    for (const slot of slots) columns[slot] = timeBase + (columns[slot] as number) - timestampMs
    timeBase = timestampMs
  }

  return {
    get bytesPerTimestamp() {
      return offsets === undefined ? 8 : 4
    },
    at(slot) {
      return offsets === undefined ? (plain?.[slot] as number) : timeBase + (offsets[slot] as number)
    },
    put(slot, timestampMs, kept) {
      if (offsets !== undefined && !fitsFrom(timeBase, timestampMs)) adapt(offsets, timestampMs, kept)
      if (offsets !== undefined) offsets[slot] = timestampMs - timeBase
      else (plain as Float64Array)[slot] = timestampMs
    },
    sibling(grownCapacity, grownOffsets) {
      return createTimeColumn(grownCapacity, {
        offsets: grownOffsets,
        base: timeBase,
        wide: offsets === undefined,
      })
    },
  }
}
