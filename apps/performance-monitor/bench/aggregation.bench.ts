/**
 * Ingest + aggregation cost per point: this service's store (O(1) add, statistics computed when read, cached until
 * the series changes) against recompute per add (sort-based percentiles, mean and std over the window on every
 * add). Also the cost of one full summary read. Run: `pnpm --filter @squeezeflow/performance-monitor bench`
 * (env: BENCH_POINTS, default 100000; BENCH_BASELINE_POINTS, default 2000).
 */
import { decodeIngestEntry, encodeColumnarBatch, type MetricPoint } from '@squeezeflow/core'
import { createMetricSeries } from '../src/aggregation/createMetricSeries.js'
import { createMetricStore } from '../src/aggregation/createMetricStore.js'
import { createIngestBatch } from '../src/ingest/createIngestBatch.js'
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
const warm = createMetricSeries({ maxPoints: WINDOW })
for (let i = 0; i < 500_000; i++) warm.add(values[i % POINTS] as number, START + i * STEP_MS)
for (const w of WINDOWS_SECONDS) warm.aggregates(w, START + 500_000 * STEP_MS)

// 1. Ours, aggregation only: one add per point into a full ring; no statistic is touched.
const series = createMetricSeries({ maxPoints: WINDOW })
for (let i = 0; i < WINDOW; i++) series.add(values[i] as number, START + i * STEP_MS)
const oursAddMs = time(() => {
  for (let i = 0; i < POINTS; i++) series.add(values[i] as number, START + i * STEP_MS)
})

// 2. Ours, ingest path: SDK batches decoded into columns and recorded into the store, as the ingest loop does.
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
const store = createMetricStore({ maxPoints: WINDOW, maxSeries: 10, clock: () => START })
const ingest = (texts: readonly string[]) => {
  for (const text of texts) {
    const batch = createIngestBatch()
    decodeIngestEntry({ c: text }, batch.add)
    for (const m of batch.metrics)
      store.recordBatch(m.name, m.series.unit, m.series.service, m.timestamps, m.values, m.values.length)
  }
}
ingest(batches)
const oursIngestMs = time(() => ingest(batches))

// 3. Ours, one collection cycle's reads of a changed series: all kept points and each time window.
const nowMs = START + (POINTS - 1) * STEP_MS
const READS = 200
const oursReadMs = time(() => {
  for (let i = 0; i < READS; i++) {
    series.add(values[i] as number, nowMs)
    series.aggregates(undefined, nowMs)
    for (const w of WINDOWS_SECONDS) series.aggregates(w, nowMs)
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
const oursRead = (oursReadMs * 1000) / READS
const baseline = perPointUs(baselineMs, BASELINE_POINTS)
const final = store.summary('signal_processing_time_ms')
const sorted = values.slice(-WINDOW).sort((a, b) => a - b)
const error = (approx: number | null | undefined, q: number) =>
  ((Math.abs((approx as number) - exactQuantile(sorted, q)) / exactQuantile(sorted, q)) * 100).toFixed(3)

const fmt = (us: number) =>
  `${us.toFixed(3).padStart(10)} µs/point  (${Math.round(1e6 / us).toLocaleString('en')} points/s)`
console.log(
  `performance-monitor aggregation bench — Node ${process.version}, ${POINTS.toLocaleString('en')} lognormal points`,
)
console.log(
  `window: last ${WINDOW} points + time windows ${WINDOWS_SECONDS.join('/')} s; stats: count mean std min max p50 p95 p99`,
)
console.log(`ours      aggregate (series.add into a full ring)      ${fmt(ours)}`)
console.log(`ours      ingest (decode v2 into columns) + store      ${fmt(oursIngest)}`)
console.log(
  `ours      summary read after a change, all points + ${WINDOWS_SECONDS.length} windows: ${oursRead.toFixed(0)} µs (once per series per read; cached while unchanged)`,
)
console.log(
  `baseline  recompute over the window on every add       ${fmt(baseline)}   [${BASELINE_POINTS.toLocaleString('en')} adds, window full]`,
)
console.log(
  `ratio     baseline / ours aggregate: ${(baseline / ours).toFixed(0)}×; baseline / ours ingest path: ${(baseline / oursIngest).toFixed(0)}×`,
)
console.log(
  `accuracy  p95 error ${error(final?.p95, 0.95)} %, p99 error ${error(final?.p99, 0.99)} % (relative, vs exact)`,
)
