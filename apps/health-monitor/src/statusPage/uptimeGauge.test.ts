import { Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import type { ServiceUptime } from './createStatusHistory.js'
import { registerUptimeGauge } from './uptimeGauge.js'

describe('registerUptimeGauge', () => {
  it('exposes one sample per service and window that has checked time', async () => {
    const registry = new Registry()
    const figures: ServiceUptime[] = [
      { service: 'redis', window: '24h', ratio: 0.75, checked_seconds: 1200, unknown_seconds: 85140 },
      { service: 'redis', window: '7d', ratio: 0.75, checked_seconds: 1200, unknown_seconds: 600_000 },
      { service: 'influxdb', window: '24h', ratio: null, checked_seconds: 0, unknown_seconds: 86340 },
    ]
    registerUptimeGauge(registry, () => figures)
    const text = await registry.metrics()
    expect(text).toContain('# TYPE squeezeflow_service_uptime_ratio gauge')
    expect(text).toContain('squeezeflow_service_uptime_ratio{service="redis",window="24h"} 0.75')
    expect(text).toContain('squeezeflow_service_uptime_ratio{service="redis",window="7d"} 0.75')
    expect(text).not.toContain('service="influxdb"')

    figures.pop()
    figures[0] = { ...figures[0], ratio: 1 } as ServiceUptime
    expect(await registry.metrics()).toContain(
      'squeezeflow_service_uptime_ratio{service="redis",window="24h"} 1',
    )
  })
})
