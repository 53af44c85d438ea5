/**
 * A separate Node process that records through @squeezeflow/metrics-sdk into a real Redis, the way a
 * trading service would: `RATE` points/s spread over `METRICS` metrics for `SECONDS`, after `WARM` points
 * recorded as fast as the SDK takes them. Prints one JSON line per phase: points recorded, SDK drops.
 */

import { PerformanceMonitor } from '@squeezeflow/metrics-sdk'
import { createLogger } from '@squeezeflow/service-kit/logger'

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const RATE = env('RATE', 50_000)
const SECONDS = env('SECONDS', 5)
const METRICS = env('METRICS', 50)
const WARM = env('WARM', 0)
const TICK_MS = 10

const perf = new PerformanceMonitor({
  service: 'ingest-bench',
  redis: { host: '127.0.0.1', port: env('REDIS_PORT', 6379) },
  flushIntervalMs: 50,
  logger: createLogger({ service: 'ingest-bench', level: 'ERROR', json: true }),
})
const names = Array.from({ length: METRICS }, (_, i) => `bench_metric_${i}_ms`)
let recorded = 0
const record = (count: number) => {
  for (let i = 0; i < count; i++) {
    perf.recordMetric({ metricName: names[recorded % METRICS] as string, value: recorded % 997, unit: 'ms' })
    recorded += 1
  }
}
const report = (phase: string) =>
  process.stdout.write(`${JSON.stringify({ phase, recorded, dropped: perf.stats().dropped })}\n`)

// Warm-up in slices, letting the flusher ship between them, so the SDK's own buffer does not overflow.
while (recorded < WARM) {
  record(Math.min(20_000, WARM - recorded))
  await new Promise((resolve) => setTimeout(resolve, 20))
}
await perf.flush()
report('warm')

recorded = 0
const started = performance.now()
const deadline = started + SECONDS * 1000
while (performance.now() < deadline) {
  const due = Math.floor(((performance.now() - started) / 1000) * RATE)
  record(due - recorded)
  await new Promise((resolve) => setTimeout(resolve, TICK_MS))
}
await perf.flush()
report('measured')
await perf.close()
