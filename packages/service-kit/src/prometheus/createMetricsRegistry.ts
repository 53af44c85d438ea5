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
 * How often, in ms, the `nodejs_eventloop_lag_*` histogram samples the event loop. prom-client's default of
 * 10 ms wakes an idle process 100 times a second, which alone cost each monitor about 0.6 % of a core at rest
 * (README "Benchmarks"); at 100 ms the figures are the same, from ten samples a second.
 */
const EVENT_LOOP_SAMPLE_MS = 100

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
