import { collectDefaultMetrics, Registry } from 'prom-client'

/**
 * prom-client also exports these gauges under a `_total` name, which `promtool check metrics` rejects
 * (reserved for counters); the same figures stay available without the suffix.
 */
const GAUGES_NAMED_TOTAL = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
]

/**
 * How often, in ms, the `nodejs_eventloop_lag_*` histogram samples the event loop. Each sample is a timer that
 * wakes the process: prom-client's default of 10 ms cost each monitor ≈ 0.6 % of a core at rest, 100 ms
 * ≈ 0.14 %, 1000 ms ≈ 0.04 % (README "Benchmarks"). A stall of a second or more is always caught; a shorter
 * one with a probability of its length in seconds. The monitors work in cycles of seconds, so that is the scale
 * their own lag matters at, and `nodejs_eventloop_lag_seconds` is still measured at each scrape.
 */
const EVENT_LOOP_SAMPLE_MS = 1000

/**
 * A registry of the service's own (never prom-client's global one, so several monitors can live in one
 * test process) with Node's default metrics, clean under `promtool check metrics`.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS })
  for (const name of GAUGES_NAMED_TOTAL) registry.removeSingleMetric(name)
  return registry
}
