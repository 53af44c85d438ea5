import { describe, expect, it } from 'vitest'
import { loadConfig } from '../config.js'
import { assessDataFlow } from './assessDataFlow.js'

/** The defaults, as loadConfig resolves them. */
const CONFIG = loadConfig({}).dataFlow
const NOW = Date.parse('2026-01-01T12:00:00Z')
const minutesAgo = (m: number) => NOW - m * 60_000

describe('assessDataFlow', () => {
  it('is healthy with a fresh write and enough recent points', () => {
    const a = assessDataFlow({ recentCount: 300, lastWriteMs: minutesAgo(0.5) }, CONFIG, NOW)
    expect(a.status).toBe('healthy')
    expect(a.details).toMatchObject({
      recent_data_count: 300,
      data_flow_healthy: true,
      data_gap_minutes: 0.5,
      points_per_minute: 60,
    })
    expect(a.details.last_write_time).toBe('2026-01-01T11:59:30.000Z')
    expect(a.condition).toBeUndefined()
  })

  it('is degraded when too few points arrived, without alerting', () => {
    const a = assessDataFlow({ recentCount: 99, lastWriteMs: minutesAgo(1) }, CONFIG, NOW)
    expect(a.status).toBe('degraded')
    expect(a.details.data_flow_healthy).toBe(false)
    expect(a.condition).toBeUndefined()
  })

  it('is unhealthy with a warning beyond the unhealthy gap, critical beyond the critical gap', () => {
    const unhealthy = assessDataFlow({ recentCount: 0, lastWriteMs: minutesAgo(6) }, CONFIG, NOW)
    expect(unhealthy.status).toBe('unhealthy')
    expect(unhealthy.condition).toMatchObject({
      rule: 'data_gap',
      severity: 'warning',
      value: 6,
      threshold: 5,
    })
    const critical = assessDataFlow({ recentCount: 0, lastWriteMs: minutesAgo(10.5) }, CONFIG, NOW)
    expect(critical.status).toBe('critical')
    expect(critical.condition).toMatchObject({ rule: 'data_gap', severity: 'critical', value: 10.5 })
  })

  it('treats the thresholds as exclusive', () => {
    expect(assessDataFlow({ recentCount: 500, lastWriteMs: minutesAgo(5) }, CONFIG, NOW).status).toBe(
      'healthy',
    )
    expect(assessDataFlow({ recentCount: 0, lastWriteMs: minutesAgo(10) }, CONFIG, NOW).status).toBe(
      'unhealthy',
    )
  })

  it('is critical when nothing was written within the lookback', () => {
    const a = assessDataFlow({ recentCount: 0, lastWriteMs: null }, CONFIG, NOW)
    expect(a.status).toBe('critical')
    expect(a.details).toMatchObject({
      data_gap_minutes: null,
      last_write_time: null,
      data_flow_healthy: false,
    })
    expect(a.message).toMatch(/within 24 h/)
  })

  it('works with fractional-minute thresholds', () => {
    const short = { ...CONFIG, gapUnhealthyMinutes: 0.05, gapCriticalMinutes: 0.1 }
    expect(assessDataFlow({ recentCount: 200, lastWriteMs: NOW - 4000 }, short, NOW).status).toBe('unhealthy')
    expect(assessDataFlow({ recentCount: 200, lastWriteMs: NOW - 7000 }, short, NOW).status).toBe('critical')
  })
})
