import {
  type Alert,
  type AlertObservation,
  AlertTracker,
  alertFingerprint,
  type Clock,
} from '@squeezeflow/core'
import type { CycleReport } from '../types.js'
import { createCustomAlerts } from './createCustomAlerts.js'

export interface AlertEvaluatorOptions {
  clock: Clock
  /** Seconds between re-announcements of a firing alert. */
  repeatIntervalSeconds: number
  /** The `source` of every alert. Default `health-monitor`. */
  source?: string
}

/**
 * Turns each cycle's conditions into alert transitions through core's AlertTracker: a condition a check
 * reports is observed active; one it reported before and no longer does is observed cleared. A service whose
 * status is `unknown` (its dependency is down) says nothing new, so its alerts neither fire nor resolve.
 */
export function createAlertEvaluator({
  clock,
  repeatIntervalSeconds,
  source = 'health-monitor',
}: AlertEvaluatorOptions) {
  const tracker = new AlertTracker({ clock, repeatIntervalSeconds })
  const custom = createCustomAlerts(source)
  const reported = new Map<string, AlertObservation>()

  function observe(observation: AlertObservation, into: Alert[]): void {
    const alert = tracker.observe(observation)
    if (alert) into.push(alert)
  }

  return {
    /** Adds a custom rule in code (origin `code`). */
    addPerformanceAlert: (input: unknown) => custom.add(input),
    /** The custom rules, for the runtime rules from Redis to add and remove. */
    custom,
    /** The alerts to publish after this cycle, in order. */
    evaluate(report: CycleReport): Alert[] {
      const out: Alert[] = []
      const seen = new Set<string>()
      const silent = new Set(
        [...report.results.values()].filter((r) => r.status === 'unknown').map((r) => r.name),
      )
      for (const [service, conditions] of report.conditions) {
        if (silent.has(service)) continue
        for (const condition of conditions) {
          const observation: AlertObservation = { source, service, active: true, ...condition }
          const fingerprint = alertFingerprint(observation)
          seen.add(fingerprint)
          reported.set(fingerprint, observation)
          observe(observation, out)
        }
      }
      for (const [fingerprint, observation] of reported) {
        if (seen.has(fingerprint) || silent.has(observation.service)) continue
        reported.delete(fingerprint)
        observe({ ...observation, active: false }, out)
      }
      for (const observation of custom.observe(report.results)) observe(observation, out)
      return out
    },
    /** Pending and firing alerts, with how long each has held. */
    active: () => tracker.active(),
  }
}

export type AlertEvaluator = ReturnType<typeof createAlertEvaluator>
