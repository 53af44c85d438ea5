import { round2 } from './counterDelta.js'

/** One reading of `squeezeflow:stats:signals_published`. */
export interface CounterSample {
  atMs: number
  value: number
}

export const SIGNAL_RATE_WINDOW_MS = 5 * 60_000

/**
 * The ring with `sample` added: samples within `windowMs` of it, plus the newest one at or before the window's
 * start as its left edge. Returns a new array; the caller keeps it between cycles. A null reading (key absent) clears it.
 */
export function addCounterSample(
  ring: readonly CounterSample[],
  sample: CounterSample | null,
  windowMs = SIGNAL_RATE_WINDOW_MS,
): CounterSample[] {
  if (sample === null) return []
  const last = ring[ring.length - 1]
  // A clock that stepped back would make the window meaningless: keep what is known.
  if (last !== undefined && sample.atMs <= last.atMs) return [...ring]
  const all = [...ring, sample]
  const edge = all.findLastIndex((s) => s.atMs <= sample.atMs - windowMs)
  return all.slice(Math.max(0, edge))
}

/**
 * Signals per minute across the ring. A counter that went down restarted from 0, so its new value is what
 * was published since (as Prometheus' `increase` counts it); null with fewer than two samples.
 */
export function signalsPerMinute(ring: readonly CounterSample[]): number | null {
  const first = ring[0]
  const last = ring[ring.length - 1]
  if (first === undefined || last === undefined || last.atMs <= first.atMs) return null
  let published = 0
  for (let i = 1; i < ring.length; i++) {
    const before = ring[i - 1] as CounterSample
    const now = ring[i] as CounterSample
    published += now.value >= before.value ? now.value - before.value : now.value
  }
  return round2((published / (last.atMs - first.atMs)) * 60_000)
}
