/**
 * Ingest + aggregation cost per point: this service's incremental aggregator against recompute per add (recompute
 * sort-based percentiles, mean and std over the window on every add). Run: `pnpm --filter
 * @squeezeflow/performance-monitor bench` (env: BENCH_POINTS, default 100000; BENCH_BASELINE_POINTS, default 2000).
 */
import { decodeIngestEntry, encodeColumnarBatch, type MetricPoint } from '@squeezeflow/core'
import { createMetricSeries } from '../src/aggregation/createMetricSeries.js'
import { createMetricStore } from '../src/aggregation/createMetricStore.js'
import { createWindowAccumulator } from '../src/aggregation/createWindowAccumulator.js'
import { createSeededRandom, exactQuantile } from '../test/support/createSeededRandom.js'

const POINTS = Number(process.env.BENCH_POINTS ?? 100_000)
const BASELINE_POINTS = Number(process.env.BENCH_BASELINE_POINTS ?? 2000)
const WINDOW = 10_000
const WINDOWS_SECONDS = [60, 300, 3600]
const BATCH = 1000
const START = Date.parse('2026-01-01T00:00:00Z')
const STEP_MS = 10

const random = createSeededRandom(2026)
const values = Array.from({ length: POINTS }, () => random.lognormal(3, 0.9))
const points: MetricPoint[] = values.map((value, i) => ({
  metric_name: 'signal_processing_time_ms',
  value,
  unit: 'ms',
  service: 'bench',
  tags: {},
  timestamp: START + i * STEP_MS,
}))

const perPointUs = (ms: number, n: number) => (ms * 1000) / n
const time = (run: () => void) => {
  const start = performance.now()
  run()
  return performance.now() - start
}

/** Recompute per add: the last WINDOW values, and every statistic recomputed from them on each add. */
function baselineAdd(window: number[], value: number) {
  window.push(value)
  if (window.length > WINDOW) window.shift()
  const sorted = [...window].sort((a, b) => a - b)
  const n = sorted.length
  const mean = sorted.reduce((s, v) => s + v, 0) / n
  const std = Math.sqrt(sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / n)
  const at = (q: number) => sorted[Math.floor(q * (n - 1))] as number
  return {
    count: n,
    mean,
    std,
    min: sorted[0],
    max: sorted[n - 1],
    median: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
  }
}

// Warm the JIT on a separate series so the timed runs measure steady state.
const warm = createMetricSeries({ maxPoints: WINDOW, windowsSeconds: WINDOWS_SECONDS })
for (let i = 0; i < 20_000; i++)
  warm.add(values[i % POINTS] as number, START + i * STEP_MS, START + i * STEP_MS)

// 1. Ours, aggregation only: one add per point into the count window and three time windows.
const series = createMetricSeries({ maxPoints: WINDOW, windowsSeconds: WINDOWS_SECONDS })
const oursAddMs = time(() => {
  for (const p of points) series.add(p.value, p.timestamp, p.timestamp)
})

// 2. Ours, ingest path: SDK batches decoded and recorded into the store, as the ingest loop does.
const batches: string[] = []
const columns = {
  length: POINTS,
  names: points.map((p) => p.metric_name),
  units: points.map((p) => p.unit),
  tags: points.map((p) => p.tags),
  values,
  timestamps: points.map((p) => p.timestamp),
}
for (let i = 0; i < POINTS; i += BATCH) {
  batches.push(encodeColumnarBatch('bench', columns, i, Math.min(POINTS, i + BATCH)))
}
let clockMs = START
const store = createMetricStore({
  maxPoints: WINDOW,
  windowsSeconds: WINDOWS_SECONDS,
  maxSeries: 10,
  clock: () => clockMs,
})
const oursIngestMs = time(() => {
  // One scratch point for the store: the v2 decoder builds no object per point.
  const scratch = { metric_name: '', value: 0, unit: '', service: '', timestamp: 0 }
  for (const batch of batches) {
    decodeIngestEntry({ c: batch }, (series, value, timestamp) => {
      scratch.metric_name = series.metric_name
      scratch.unit = series.unit
      scratch.service = series.service
      scratch.value = value
      scratch.timestamp = timestamp
      clockMs = timestamp
      store.record(scratch)
    })
  }
})

// 3. Ours with the full statistics read after every add (what the baseline produces on every add).
const acc = createWindowAccumulator()
const oursReadEveryAddMs = time(() => {
  for (let i = 0; i < POINTS; i++) {
    acc.add(i, values[i] as number)
    if (i >= WINDOW) acc.remove(i - WINDOW, values[i - WINDOW] as number)
    acc.stats()
  }
})

// 4. Baseline on BASELINE_POINTS adds against a full window (recompute per add once the window has filled).
const baselineWindow = values.slice(0, WINDOW)
const baselineMs = time(() => {
  for (let i = 0; i < BASELINE_POINTS; i++)
    baselineAdd(baselineWindow, values[(WINDOW + i) % POINTS] as number)
})

const ours = perPointUs(oursAddMs, POINTS)
const oursIngest = perPointUs(oursIngestMs, POINTS)
const oursRead = perPointUs(oursReadEveryAddMs, POINTS)
const baseline = perPointUs(baselineMs, BASELINE_POINTS)
const final = series.aggregates(undefined, START + (POINTS - 1) * STEP_MS)
const sorted = values.slice(-WINDOW).sort((a, b) => a - b)
const error = (approx: number | null, q: number) =>
  ((Math.abs((approx as number) - exactQuantile(sorted, q)) / exactQuantile(sorted, q)) * 100).toFixed(3)

const fmt = (us: number) =>
  `${us.toFixed(3).padStart(10)} µs/point  (${Math.round(1e6 / us).toLocaleString('en')} points/s)`
console.log(
  `performance-monitor aggregation bench — Node ${process.version}, ${POINTS.toLocaleString('en')} lognormal points`,
)
console.log(
  `window: last ${WINDOW} points + time windows ${WINDOWS_SECONDS.join('/')} s; stats: count mean std min max p50 p95 p99`,
)
console.log(`ours      aggregate (series.add, 4 windows)            ${fmt(ours)}`)
console.log(`ours      ingest (decode v2) + aggregate (store)     ${fmt(oursIngest)}`)
console.log(`ours      aggregate + read all stats after every add   ${fmt(oursRead)}`)
console.log(
  `baseline  recompute over the window on every add       ${fmt(baseline)}   [${BASELINE_POINTS.toLocaleString('en')} adds, window full]`,
)
console.log(
  `ratio     baseline / ours aggregate: ${(baseline / ours).toFixed(0)}×; baseline / ours with stats read every add: ${(baseline / oursRead).toFixed(0)}×`,
)
console.log(
  `baseline  extrapolated to ${POINTS.toLocaleString('en')} points: ${((baseline * POINTS) / 1e6).toFixed(1)} s; ours: ${((ours * POINTS) / 1e6).toFixed(3)} s`,
)
console.log(
  `accuracy  p95 error ${error(final.p95, 0.95)} %, p99 error ${error(final.p99, 0.99)} % (relative, vs exact)`,
)
