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
 * A registry of the service's own (never prom-client's global one, so several monitors can live in one
 * test process) with Node's default metrics, clean under `promtool check metrics`.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  for (const name of GAUGES_NAMED_TOTAL) registry.removeSingleMetric(name)
  return registry
}
