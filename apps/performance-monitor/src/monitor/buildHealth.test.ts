import { type CollectorStatus, createManualClock } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { createMetricStore } from '../aggregation/createMetricStore.js'
import { createAlertEvaluator } from '../alerts/createAlertEvaluator.js'
import { createIngestStats } from '../ingest/createIngestStats.js'
import { buildHealth } from './buildHealth.js'
import type { MonitorState } from './types.js'

function state(overrides: {
  connected?: boolean
  lastCycleAt?: number
  collectors?: Record<string, CollectorStatus>
  ingestError?: string
}) {
  const { clock, advance } = createManualClock()
  const s: MonitorState = {
    store: createMetricStore({ maxPoints: 10, maxSeries: 10, clock }),
    evaluator: createAlertEvaluator({ clock, repeatIntervalSeconds: 60, rules: [] }),
    rules: { list: () => [], rejected: () => [] },
    delivery: { status: () => undefined },
    cycle: {
      run: async () => undefined,
      collectors: () => overrides.collectors ?? {},
      lastCycleAt: () => overrides.lastCycleAt ?? clock(),
    },
    ingest: { ...createIngestStats(), lastError: overrides.ingestError },
    profiler: undefined,
    redis: {
      connected: () => overrides.connected ?? true,
      state: () => (overrides.connected === false ? 'reconnecting' : 'ready'),
      lastError: () => (overrides.connected === false ? 'connect ECONNREFUSED 127.0.0.1:6379' : undefined),
    },
    dashboard: { lastWrittenAt: () => undefined, writes: () => 0 },
    refusedPoints: () => 0,
    collectionIntervalSeconds: 5,
    startedAt: clock(),
  }
  return { s, clock, advance }
}

describe('buildHealth', () => {
  it('is healthy when everything works', () => {
    const { s, clock } = state({})
    expect(buildHealth(s, clock())).toMatchObject({ status: 'healthy', problems: [] })
  })

  it('is degraded, with the reason, when Redis is unreachable or a collector fails', () => {
    const down = state({ connected: false })
    expect(buildHealth(down.s, down.clock())).toMatchObject({
      status: 'degraded',
      problems: ['redis unreachable: connect ECONNREFUSED 127.0.0.1:6379'],
      redis: { connected: false, state: 'reconnecting' },
    })
    const failing = state({
      collectors: { system: { ok: false, last_error: 'no /proc', last_success: null } },
    })
    expect(buildHealth(failing.s, failing.clock()).problems).toEqual(['collector system: no /proc'])
  })

  it('is unhealthy when the collection loop has stalled', () => {
    const { s, clock, advance } = state({})
    const lastCycleAt = clock()
    const stalled = { ...s, cycle: { ...s.cycle, lastCycleAt: () => lastCycleAt } }
    advance(26_000)
    expect(buildHealth(stalled, clock()).status).toBe('unhealthy')
  })
})
