import { type HealthCheck, type HealthStatus, httpStatusFor } from '@squeezeflow/core'
import { overallStatus } from '../overallStatus.js'
import type { CycleReport } from '../types.js'

/** The read side of the check loop that the HTTP layer needs. */
export interface LoopView {
  results(): ReadonlyMap<string, HealthCheck>
  history(name: string): HealthCheck[]
  has(name: string): boolean
  isCritical(name: string): boolean
  names(): string[]
  lastReport(): CycleReport | undefined
  readonly intervalSeconds: number
}

export interface HealthSummary {
  status: HealthStatus
  /** ISO-8601 completion time of the cycle these results come from; null before the first. */
  timestamp: string | null
  services: Record<string, HealthStatus>
}

function criticalSet(loop: LoopView): Set<string> {
  return new Set(loop.names().filter((name) => loop.isCritical(name)))
}

export function healthSummary(loop: LoopView): HealthSummary {
  const results = [...loop.results().values()]
  const report = loop.lastReport()
  return {
    status: overallStatus(results, criticalSet(loop)),
    timestamp: report ? new Date(report.completedAt).toISOString() : null,
    services: Object.fromEntries(results.map((r) => [r.name, r.status])),
  }
}

/**
 * `/health` is what load balancers and scripts poll, so its body is rendered once per cycle and reused:
 * nothing about it changes between cycles.
 */
export function createHealthBodyCache(loop: LoopView) {
  let renderedFor: CycleReport | undefined
  let rendered: { statusCode: number; body: string } | undefined
  return (): { statusCode: number; body: string } => {
    const report = loop.lastReport()
    if (!rendered || report !== renderedFor || report === undefined) {
      const summary = healthSummary(loop)
      rendered = { statusCode: httpStatusFor(summary.status), body: JSON.stringify(summary) }
      renderedFor = report
    }
    return rendered
  }
}

export function serviceView(loop: LoopView, result: HealthCheck) {
  return { ...result, critical: loop.isCritical(result.name) }
}
