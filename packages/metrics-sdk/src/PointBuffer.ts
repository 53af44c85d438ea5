import type { MetricPoint } from '@squeezeflow/core'

type Tags = Readonly<Record<string, string>>

/**
 * A bounded FIFO ring of metric points for one service. `push` is O(1), allocates nothing and never fails:
 * when full it overwrites the oldest point and counts it as dropped, so memory stays bounded however long
 * Redis is away. Points are stored by column (numbers in Float64Arrays), so buffering a point creates no
 * object for the garbage collector to promote; objects are built only when a flush takes them.
 */
export class PointBuffer {
  readonly capacity: number
  readonly #service: string
  readonly #names: Array<string | undefined>
  readonly #units: Array<string | undefined>
  readonly #tags: Array<Tags | undefined>
  readonly #values: Float64Array
  readonly #timestamps: Float64Array
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

  /** Removes and returns up to `max` of the oldest points, oldest first. */
  take(max: number): MetricPoint[] {
    const count = Math.min(max, this.#size)
    const out = new Array<MetricPoint>(count)
    for (let i = 0; i < count; i++) {
      const slot = this.#head
      out[i] = {
        metric_name: this.#names[slot] as string,
        value: this.#values[slot] as number,
        unit: this.#units[slot] as string,
        service: this.#service,
        tags: this.#tags[slot] as Tags,
        timestamp: this.#timestamps[slot] as number,
      }
      this.#write(slot, undefined, 0, undefined, undefined, 0)
      this.#head = slot + 1 === this.capacity ? 0 : slot + 1
    }
    this.#size -= count
    return out
  }

  /**
   * Puts points taken earlier (and not delivered) back in front, in their order. They are the oldest, so if
   * they do not all fit the first of them are dropped.
   */
  requeue(points: readonly MetricPoint[]): void {
    const fit = Math.min(points.length, this.capacity - this.#size)
    this.#dropped += points.length - fit
    for (let i = points.length - 1; i >= points.length - fit; i--) {
      const point = points[i] as MetricPoint
      this.#head = this.#head === 0 ? this.capacity - 1 : this.#head - 1
      this.#write(this.#head, point.metric_name, point.value, point.unit, point.tags, point.timestamp)
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
