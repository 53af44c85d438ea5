import { describe, expect, it } from 'vitest'
import type { Dashboard } from './dashboardSchema.js'
import { parseDashboard } from './parseDashboard.js'

const dashboard: Dashboard = {
  last_updated: '2026-11-30T07:00:00.000Z',
  service: {
    name: 'performance-monitor',
    version: '0.1.0',
    hostname: 'perf',
    pid: 7,
    node_version: 'v20.20.2',
    started_at: '2026-11-30T06:00:00.000Z',
    uptime_seconds: 3600,
  },
  system: {
    cpu_percent: 12.5,
    memory_percent: 40,
    memory_used_mb: 4096,
    disk_percent: null,
    disk_used_mb: null,
    load_avg: [0.5, 0.4, 0.3],
    network_rx_bytes_per_sec: null,
    network_tx_bytes_per_sec: null,
  },
  process: { cpu_percent: 1, memory_rss_mb: 60, heap_used_mb: 20, heap_total_mb: 30 },
  metrics: {
    signal_generation_time_ms: {
      count: 3,
      mean: 2,
      median: 2,
      std: 0.8,
      min: 1,
      max: 3,
      p95: 3,
      p99: 3,
      latest: 3,
      trend: 'stable',
      unit: 'ms',
      service: 'strategy-runner',
      window_seconds: null,
    },
  },
  operations: {
    signal_generation: { count: 3, errors: 0, error_rate_percent: 0, recent_error_rate_percent: null },
  },
  active_alerts: [],
  pending_alerts: [],
  ingest: {
    points_ingested: 3,
    points_rejected: 0,
    entries_ingested: 1,
    backlog_entries: 0,
    stream_bytes: 2048,
    stream_entries: 1,
    dropped_entries: 0,
    last_ingest_at: null,
    errors: 0,
    last_error: null,
  },
  collectors: { system: { ok: true, last_error: null, last_success: '2026-11-30T07:00:00.000Z' } },
  memory_profile: null,
  redis: { connected: true, state: 'ready' },
}

describe('parseDashboard', () => {
  it('accepts a dashboard that keeps the contract', () => {
    const parsed = parseDashboard(JSON.stringify(dashboard))
    expect(parsed).toEqual({ ok: true, dashboard })
  })

  it('names the path of the first broken field and what is wrong with it', () => {
    const broken = { ...dashboard, system: { ...dashboard.system, cpu_percent: 'high' } }
    const parsed = parseDashboard(JSON.stringify(broken))
    expect(parsed.ok).toBe(false)
    expect(!parsed.ok && parsed.problem).toBe(
      'system.cpu_percent: Invalid input: expected number, received string',
    )
  })

  it('refuses a timestamp in another form instead of guessing its unit', () => {
    const parsed = parseDashboard(JSON.stringify({ ...dashboard, last_updated: 1764486000 }))
    expect(!parsed.ok && parsed.problem).toMatch(/^last_updated: /)
  })

  it('says when the text is not JSON', () => {
    expect(parseDashboard('{')).toMatchObject({ ok: false, problem: expect.stringMatching(/^not JSON/) })
  })
})
