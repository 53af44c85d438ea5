/** A deterministic random source (mulberry32) for tests and the benchmark: same seed, same numbers. */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number
  uniform(min: number, max: number): number
  /** exp(N(mu, sigma)): long-tailed like latencies. */
  lognormal(mu: number, sigma: number): number
}

export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const normal = () => {
    // Box–Muller; 1 - next() avoids log(0).
    const u = 1 - next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next())
  }
  return {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    lognormal: (mu, sigma) => Math.exp(mu + sigma * normal()),
  }
}

/** The exact quantile the sketch approximates: the value at rank floor(q * (n - 1)) of the sorted values. */
export function exactQuantile(sorted: readonly number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))] as number
}
