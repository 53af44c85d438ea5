/** A double-ended queue of numbers with O(1) amortized push, pop and shift. */
export interface NumberDeque {
  readonly length: number
  push(value: number): void
  pop(): number | undefined
  shift(): number | undefined
  first(): number | undefined
  last(): number | undefined
  clear(): void
}

const COMPACT_AT = 1024

export function createNumberDeque(): NumberDeque {
  let items: number[] = []
  let head = 0
  return {
    get length() {
      return items.length - head
    },
    push(value) {
      items.push(value)
    },
    pop() {
      return items.length > head ? items.pop() : undefined
    },
    shift() {
      if (items.length === head) return undefined
      const value = items[head++]
      // Dropping the consumed prefix now and then keeps memory bounded without an O(n) shift per call.
      if (head >= COMPACT_AT && head * 2 >= items.length) {
        items = items.slice(head)
        head = 0
      }
      return value
    },
    first: () => (items.length > head ? items[head] : undefined),
    last: () => (items.length > head ? items[items.length - 1] : undefined),
    clear() {
      items = []
      head = 0
    },
  }
}
