import { createNumberDeque } from './createNumberDeque.js'

/**
 * Minimum and maximum of a sliding window in O(1) amortized per value: monotonic queues of (sequence, value)
 * that drop every value which can no longer be the extreme. Values must be added, and evicted, in sequence order.
 */
export interface SlidingExtremes {
  add(seq: number, value: number): void
  /** Forgets every value with a sequence number up to and including `seq`. */
  evictThrough(seq: number): void
  min(): number | undefined
  max(): number | undefined
  clear(): void
}

export function createSlidingExtremes(): SlidingExtremes {
  const minSeqs = createNumberDeque()
  const minValues = createNumberDeque()
  const maxSeqs = createNumberDeque()
  const maxValues = createNumberDeque()

  const push = (
    seqs: typeof minSeqs,
    values: typeof minValues,
    seq: number,
    value: number,
    dominates: (a: number, b: number) => boolean,
  ) => {
    while (values.length > 0 && dominates(value, values.last() as number)) {
      values.pop()
      seqs.pop()
    }
    seqs.push(seq)
    values.push(value)
  }
  const evict = (seqs: typeof minSeqs, values: typeof minValues, seq: number) => {
    while (seqs.length > 0 && (seqs.first() as number) <= seq) {
      seqs.shift()
      values.shift()
    }
  }

  return {
    add(seq, value) {
      push(minSeqs, minValues, seq, value, (a, b) => a <= b)
      push(maxSeqs, maxValues, seq, value, (a, b) => a >= b)
    },
    evictThrough(seq) {
      evict(minSeqs, minValues, seq)
      evict(maxSeqs, maxValues, seq)
    },
    min: () => minValues.first(),
    max: () => maxValues.first(),
    clear() {
      for (const deque of [minSeqs, minValues, maxSeqs, maxValues]) deque.clear()
    },
  }
}
