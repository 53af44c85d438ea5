import { Gauge, type Registry } from 'prom-client'
import type { ServiceUptime } from './createStatusHistory.js'

/**
 * `squeezeflow_service_uptime_ratio{service,window}`, read from the in-memory history at scrape time (no Redis
 * round trip). A window with no checked time has no sample rather than a made-up 0 or 1.
 */
export function registerUptimeGauge(registry: Registry, uptimeAll: () => readonly ServiceUptime[]): void {
  new Gauge({
    name: 'squeezeflow_service_uptime_ratio',
    help: 'Share of checked time the service was healthy or degraded, per window; unknown time is excluded',
    labelNames: ['service', 'window'] as const,
    registers: [registry],
    collect() {
      this.reset()
      for (const { service, window, ratio } of uptimeAll()) {
        if (ratio !== null) this.set({ service, window }, ratio)
      }
    },
  })
}
