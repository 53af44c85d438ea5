/** A FIFO that keeps at most `limit` items by dropping the oldest, and counts what it dropped. */
export function createBoundedQueue<T>(limit: number) {
  if (!(Number.isInteger(limit) && limit >= 1)) throw new RangeError('queue limit must be an integer >= 1')
  const items: T[] = []
  let dropped = 0
  return {
    push(item: T): void {
      items.push(item)
      if (items.length > limit) {
        items.shift()
        dropped += 1
      }
    },
    peek: (): T | undefined => items[0],
    shift: (): T | undefined => items.shift(),
    get size() {
      return items.length
    },
    get dropped() {
      return dropped
    },
  }
}
