import { type Alert, createManualClock } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import type { CycleReport } from '../types.js'
import { createDetailedBody, DETAILED_MAX_AGE_MS } from './detailedBody.js'
import type { LoopView } from './healthSummary.js'

function setup() {
  const { clock, advance } = createManualClock()
  let report: CycleReport | undefined
  const firing: Alert[] = []
  const loop: LoopView = {
    results: () => report?.results ?? new Map(),
    history: () => [],
    has: () => true,
    isCritical: () => false,
    names: () => [...(report?.results.keys() ?? [])],
    lastReport: () => report,
    intervalSeconds: 30,
  }
  const completeCycle = (cycle: number) => {
    report = {
      cycle,
      results: new Map(),
      conditions: new Map(),
      criticalServices: new Set(),
      startedAt: clock() - 5,
      completedAt: clock(),
    }
  }
  const detailed = createDetailedBody({
    loop,
    alerts: {
      active: () => [],
      performance: () => ({ firing, recent: [] }),
      delivery: () => null,
      customRules: () => ({ active: [], rejected: [] }),
    },
    recovery: () => undefined,
    clock,
  })
  const read = () =>
    JSON.parse(detailed().body) as {
      cycle: number
      generated_at: string
      alerts: { performance: { firing: Alert[] } }
    }
  return { advance, completeCycle, firing, read }
}

const alert: Alert = {
  source: 'performance-monitor',
  rule: 'p95_gt',
  service: 'strategy_runner',
  fingerprint: 'f1',
  severity: 'warning',
  state: 'firing',
  message: 'slow',
  duration_seconds: 0,
  started_at: '2026-01-01T00:00:00.000Z',
  repeat: false,
  timestamp: '2026-01-01T00:00:00.000Z',
}

describe('createDetailedBody', () => {
  it('serves one rendering until it is DETAILED_MAX_AGE_MS old', () => {
    const { advance, firing, read } = setup()
    const first = read()
    firing.push(alert)
    advance(DETAILED_MAX_AGE_MS - 1)
    expect(read()).toEqual(first)
    advance(1)
    const next = read()
    expect(next.alerts.performance.firing).toEqual([alert])
    expect(Date.parse(next.generated_at) - Date.parse(first.generated_at)).toBe(DETAILED_MAX_AGE_MS)
  })

  it('renders again as soon as a cycle completes', () => {
    const { completeCycle, firing, read } = setup()
    expect(read().cycle).toBe(0)
    firing.push(alert)
    completeCycle(1)
    const next = read()
    expect(next.cycle).toBe(1)
    expect(next.alerts.performance.firing).toEqual([alert])
  })
})
