import { describe, expect, it } from 'vitest'
import { createMetricsRegistry } from './createMetricsRegistry.js'

describe('createMetricsRegistry', () => {
  it("exports Node's default metrics, event loop lag included, without the gauges named _total", async () => {
    const text = await createMetricsRegistry().metrics()
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \S+$/m)
    expect(text).toMatch(/^process_cpu_seconds_total \S+$/m)
    expect(text).not.toMatch(/^nodejs_active_handles_total/m)
  })
})
