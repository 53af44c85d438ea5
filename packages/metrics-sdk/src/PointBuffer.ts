import type { PointColumns } from '@squeezeflow/core'
import { PointBatch } from './PointBatch.js'

type Tags = Readonly<Record<string, string>>

/**
 * A bounded FIFO ring of metric points for one service. `push` is O(1), allocates nothing and never fails:
 * when full it overwrites the oldest point and counts it as dropped, so memory stays bounded however long
 * Redis is away. Points are stored by column (numbers in Float64Arrays), so buffering a point creates no
 * object for the garbage collector to promote; a flush encodes them straight from these columns (`drain`).
 */
export class PointBuffer {
  readonly capacity: number
  readonly #service: string
  readonly #names: Array<string | undefined>
  readonly #units: Array<string | undefined>
  readonly #tags: Array<Tags | undefined>
  readonly #values: Float64Array
  readonly #timestamps: Float64Array
  /** The ring's columns as the encoder reads them; only the slots `drain` hands out hold points. */
  readonly #columns: PointColumns
  #head = 0
  #size = 0
  #dropped = 0

  constructor(capacity: number, service: string) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive integer')
    this.capacity = capacity
    this.#service = service
    this.#names = new Array<string | undefined>(capacity).fill(undefined)
    this.#units = new Array<string | undefined>(capacity).fill(undefined)
    this.#tags = new Array<Tags | undefined>(capacity).fill(undefined)
    this.#values = new Float64Array(capacity)
    this.#timestamps = new Float64Array(capacity)
    this.#columns = {
      length: capacity,
      names: this.#names as ArrayLike<string>,
      units: this.#units as ArrayLike<string>,
      tags: this.#tags as ArrayLike<Tags>,
      values: this.#values,
      timestamps: this.#timestamps,
    }
  }

  get size(): number {
    return this.#size
  }

  /** Points lost to overflow since creation. */
  get dropped(): number {
    return this.#dropped
  }

  push(metricName: string, value: number, unit: string, tags: Tags, timestamp: number): void {
    let slot: number
    if (this.#size === this.capacity) {
      slot = this.#head
      this.#head = slot + 1 === this.capacity ? 0 : slot + 1
      this.#dropped++
    } else {
      slot = this.#head + this.#size
      if (slot >= this.capacity) slot -= this.capacity
      this.#size++
    }
    this.#write(slot, metricName, value, unit, tags, timestamp)
  }

  get service(): string {
    return this.#service
  }

  /**
   * Removes up to `max` of the oldest points, first showing them to `visit` where they lie: slots `start … end - 1`
   * of the ring's columns, oldest first, in at most two runs (the ring wraps). Nothing is copied. Returns the count.
   */
  drain(max: number, visit: (columns: PointColumns, start: number, end: number) => void): number {
    const count = Math.min(max, this.#size)
    const first = Math.min(count, this.capacity - this.#head)
    for (const [start, end] of [
      [this.#head, this.#head + first],
      [0, count - first],
    ] as const) {
      if (end === start) continue
      visit(this.#columns, start, end)
      // Lets go of names and tags, so the ring holds no reference to what it has handed out.
      this.#names.fill(undefined, start, end)
      this.#units.fill(undefined, start, end)
      this.#tags.fill(undefined, start, end)
    }
    this.#head = (this.#head + count) % this.capacity
    this.#size -= count
    return count
  }

  /** Removes and returns up to `max` of the oldest points as a batch: for inspection and tests. */
  take(max: number): PointBatch {
    const out = new PointBatch(this.#service, Math.min(max, this.#size))
    let k = 0
    this.drain(max, (columns, start, end) => {
      for (let slot = start; slot < end; slot++, k++) {
        const tags = columns.tags[slot] as Tags
        out.set(
          k,
          columns.names[slot] as string,
          columns.values[slot] as number,
          columns.units[slot] as string,
          tags,
          columns.timestamps[slot] as number,
        )
      }
    })
    return out
  }

  /**
   * Puts points taken earlier (and not delivered) back in front, in their order. They are the oldest, so if
   * they do not all fit the first of them are dropped.
   */
  requeue(points: PointBatch): void {
    const fit = Math.min(points.length, this.capacity - this.#size)
    this.#dropped += points.length - fit
    for (let i = points.length - 1; i >= points.length - fit; i--) {
      this.#head = this.#head === 0 ? this.capacity - 1 : this.#head - 1
      this.#write(
        this.#head,
        points.names[i],
        points.values[i] as number,
        points.units[i],
        points.tags[i],
        points.timestamps[i] as number,
      )
    }
    this.#size += fit
  }

  #write(
    slot: number,
    name: string | undefined,
    value: number,
    unit: string | undefined,
    tags: Tags | undefined,
    timestamp: number,
  ) {
    this.#names[slot] = name
    this.#values[slot] = value
    this.#units[slot] = unit
    this.#tags[slot] = tags
    this.#timestamps[slot] = timestamp
  }
}
