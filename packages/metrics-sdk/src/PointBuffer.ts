/**
 * A bounded FIFO ring: `push` is O(1) and never fails; when full it overwrites the oldest item and counts it
 * as dropped, so memory stays bounded however long Redis is away.
 */
export class PointBuffer<T> {
  readonly capacity: number
  readonly #items: Array<T | undefined>
  #head = 0
  #size = 0
  #dropped = 0

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be a positive integer`)
    this.capacity = capacity
    this.#items = new Array<T | undefined>(capacity)
  }

  get size(): number {
    return this.#size
  }

  /** Items lost to overflow since creation. */
  get dropped(): number {
    return this.#dropped
  }

  push(item: T): void {
    if (this.#size === this.capacity) {
      this.#items[this.#head] = item
      this.#head = this.#head + 1 === this.capacity ? 0 : this.#head + 1
      this.#dropped++
      return
    }
    let tail = this.#head + this.#size
    if (tail >= this.capacity) tail -= this.capacity
    this.#items[tail] = item
    this.#size++
  }

  /** Removes and returns up to `max` of the oldest items, oldest first. */
  take(max: number): T[] {
    const count = Math.min(max, this.#size)
    const out = new Array<T>(count)
    for (let i = 0; i < count; i++) {
      out[i] = this.#items[this.#head] as T
      this.#items[this.#head] = undefined
      this.#head = this.#head + 1 === this.capacity ? 0 : this.#head + 1
    }
    this.#size -= count
    return out
  }

  /**
   * Puts items taken earlier (and not delivered) back in front, in their order. They are the oldest, so if
   * they do not all fit the first of them are dropped.
   */
  requeue(items: readonly T[]): void {
    const fit = Math.min(items.length, this.capacity - this.#size)
    this.#dropped += items.length - fit
    for (let i = items.length - 1; i >= items.length - fit; i--) {
      this.#head = this.#head === 0 ? this.capacity - 1 : this.#head - 1
      this.#items[this.#head] = items[i]
    }
    this.#size += fit
  }
}
