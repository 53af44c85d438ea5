import { LogCollapsingLowestDenseDDSketch } from '@datadog/sketches-js'

/** Relative error bound of every quantile the sketch returns: 0.5 %, inside the 1 % the tests allow (README, "Aggregation"). */
export const QUANTILE_RELATIVE_ACCURACY = 0.005
/** Bins per sign before the lowest ones collapse; 4096 bins at 0.5 % cover values spanning ~40 decades. */
const BIN_LIMIT = 4096

/** A quantile sketch over a sliding window: values can be taken out again when they leave the window. */
export interface RemovableSketch {
  readonly count: number
  add(value: number): void
  /** Removes one occurrence of a value that was added before. */
  remove(value: number): void
  /** The value at quantile `q` (0..1) within QUANTILE_RELATIVE_ACCURACY; NaN when empty. */
  quantile(q: number): number
  clear(): void
}

/**
 * DDSketch (https://arxiv.org/abs/1908.10693) keeps integer counts per logarithmic bin, so removing a value is
 * decrementing the bin it was added to. The library only exposes `accept` with positive weights; its stores
 * take any weight, so removal mirrors `accept` with weight -1 on the same public fields.
 */
export function createRemovableSketch(): RemovableSketch {
  let sketch = newSketch()
  const update = (value: number, weight: 1 | -1) => {
    const { mapping } = sketch
    if (value > mapping.minPossible) sketch.store.add(mapping.key(value), weight)
    else if (value < -mapping.minPossible) sketch.negativeStore.add(mapping.key(-value), weight)
    else sketch.zeroCount += weight
    sketch.count += weight
  }
  return {
    get count() {
      return sketch.count
    },
    add: (value) => update(value, 1),
    remove: (value) => update(value, -1),
    quantile: (q) => sketch.getValueAtQuantile(q),
    clear() {
      sketch = newSketch()
    },
  }
}

function newSketch() {
  return new LogCollapsingLowestDenseDDSketch({
    relativeAccuracy: QUANTILE_RELATIVE_ACCURACY,
    binLimit: BIN_LIMIT,
  })
}
