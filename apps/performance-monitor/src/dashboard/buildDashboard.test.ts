import { createManualClock, parseDashboard } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { createMetricStore } from '../aggregation/createMetricStore.js'
import { createAlertEvaluator } from '../alerts/createAlertEvaluator.js'
import { DEFAULT_ALERT_RULES } from '../alerts/defaultAlertRules.js'
import { buildDashboard, type DashboardInput } from './buildDashboard.js'

function setup() {
  const { clock, advance } = createManualClock()
  const store = createMetricStore({ maxPoints: 1000, maxSeries: 100, clock })
  const record = (metric_name: string, value: number, service = 'strategy-runner', unit = 'ms') =>
    store.record({ metric_name, value, unit, service, timestamp: clock() })
  const input = (): DashboardInput => ({
    now: clock(),
    service: {
      name: 'performance-monitor',
      version: '0.1.0',
      hostname: 'host',
      pid: 7,
      node_version: 'v20',
      started_at: '2026-01-01T00:00:00.000Z',
    },
    store,
    firing: [],
    pending: [],
    ingest: {
      entries: 3,
      points: 30,
      rejectedPoints: 1,
      errors: 0,
      lastError: undefined,
      lastIngestAt: clock(),
      backlog: 0,
      streamBytes: 4096,
      streamEntries: 3,
      droppedEntries: 0,
    },
    collectors: { system: { ok: true, last_error: null, last_success: '2026-01-01T00:00:00.000Z' } },
    memoryProfile: undefined,
    redis: { connected: true, state: 'ready' },
  })
  return { clock, advance, store, record, input }
}

describe('buildDashboard', () => {
  it('reports system figures, metric aggregates, operations and ingest counters', () => {
    const { record, input, advance } = setup()
    for (const [name, value] of [
      ['system_cpu_percent', 42.123],
      ['system_memory_percent', 61],
      ['system_load_avg_1m', 1.5],
      ['system_load_avg_5m', 1.2],
      ['system_load_avg_15m', 0.9],
      ['process_memory_rss_mb', 80.5],
    ] as const) {
      record(name, value, 'performance-monitor', 'percent')
    }
    for (let i = 1; i <= 10; i++) record('signal_generation_time_ms', i * 10)
    record('signal_generation_error_count', 2, 'strategy-runner', 'count')
    record('signal_generation_error_rate_percent', 20, 'strategy-runner', 'percent')
    advance(90_000)
    const dashboard = buildDashboard(input())
    expect(dashboard.last_updated).toBe('2026-01-01T00:01:30.000Z')
    expect(dashboard.service.uptime_seconds).toBe(90)
    expect(dashboard.system).toMatchObject({
      cpu_percent: 42.12,
      memory_percent: 61,
      load_avg: [1.5, 1.2, 0.9],
      disk_percent: null,
    })
    expect(dashboard.process.memory_rss_mb).toBe(80.5)
    expect(dashboard.metrics.signal_generation_time_ms).toMatchObject({
      count: 10,
      mean: 55,
      min: 10,
      max: 100,
      latest: 100,
      trend: 'increasing',
      unit: 'ms',
      service: 'strategy-runner',
      window_seconds: null,
    })
    expect(dashboard.operations).toEqual({
      signal_generation: { count: 10, errors: 2, error_rate_percent: 20, recent_error_rate_percent: 20 },
    })
    expect(dashboard.ingest).toMatchObject({ points_ingested: 30, points_rejected: 1, backlog_entries: 0 })
    expect(dashboard.memory_profile).toBeNull()
    expect(JSON.parse(JSON.stringify(dashboard))).toEqual(dashboard)
  })

  it('lists firing alerts with how long they have held, apart from pending ones', () => {
    const { clock, advance, input, record } = setup()
    const evaluator = createAlertEvaluator({ clock, repeatIntervalSeconds: 3600, rules: DEFAULT_ALERT_RULES })
    const metrics = [
      { name: 'redis_publish_time_ms', service: 'strategy-runner', value: 250 },
      { name: 'system_cpu_percent', service: 'performance-monitor', value: 99 },
    ]
    record('redis_publish_time_ms', 250)
    evaluator.evaluate(metrics)
    advance(45_000)
    evaluator.evaluate(metrics)
    const dashboard = buildDashboard({ ...input(), firing: evaluator.firing(), pending: evaluator.pending() })
    expect(dashboard.active_alerts).toEqual([
      expect.objectContaining({
        rule: 'redis_publish_slow',
        state: 'firing',
        severity: 'warning',
        active_for_seconds: 45,
      }),
    ])
    expect(dashboard.pending_alerts).toEqual([
      expect.objectContaining({ rule: 'cpu_high', state: 'pending' }),
    ])
  })

  it('keeps the dashboard contract readers validate with parseDashboard', () => {
    const { clock, advance, input, record } = setup()
    const evaluator = createAlertEvaluator({ clock, repeatIntervalSeconds: 3600, rules: DEFAULT_ALERT_RULES })
    for (const name of ['system_load_avg_1m', 'system_load_avg_5m', 'system_load_avg_15m'])
      record(name, 0.5, 'performance-monitor', 'load')
    record('redis_publish_time_ms', 250)
    record('signal_generation_error_count', 1, 'strategy-runner', 'count')
    const metrics = [{ name: 'redis_publish_time_ms', service: 'strategy-runner', value: 250 }]
    evaluator.evaluate(metrics)
    advance(45_000)
    evaluator.evaluate(metrics)
    const dashboard = buildDashboard({
      ...input(),
      firing: evaluator.firing(),
      pending: evaluator.pending(),
      memoryProfile: {
        timestamp: new Date(clock()).toISOString(),
        total_bytes: 1000,
        top: [{ function: 'parse', url: 'file:///app/parse.js', line: 10, bytes: 700, percent: 70 }],
      },
    })
    expect(dashboard.active_alerts).toHaveLength(1)
    expect(parseDashboard(JSON.stringify(dashboard))).toEqual({ ok: true, dashboard })
  })
})
