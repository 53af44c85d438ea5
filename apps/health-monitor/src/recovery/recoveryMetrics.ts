import { Counter, type Registry } from 'prom-client'
import { RECOVERABLE_SERVICES } from './types.js'

export const RESTARTS_METRIC = 'squeezeflow_recovery_restarts_total'
/** Final outcomes a restart is counted with, once it has one. */
export const COUNTED_OUTCOMES = ['verified', 'not_verified', 'error'] as const
export type CountedOutcome = (typeof COUNTED_OUTCOMES)[number]

export interface RecoveryMetrics {
  restartFinished(service: string, outcome: CountedOutcome): void
}

/**
 * Registers `squeezeflow_recovery_restarts_total{service,outcome}` on `registry`, every series starting
 * at 0 so a rate() sees the first restart. Throws if called twice on one registry (prom-client's rule).
 */
export function registerRecoveryMetrics(registry: Registry): RecoveryMetrics {
  const restarts = new Counter({
    name: RESTARTS_METRIC,
    help: 'Container restarts by health-monitor auto-recovery, by service and final outcome.',
    labelNames: ['service', 'outcome'] as const,
    registers: [registry],
  })
  for (const service of RECOVERABLE_SERVICES) {
    for (const outcome of COUNTED_OUTCOMES) restarts.inc({ service, outcome }, 0)
  }
  return {
    restartFinished(service, outcome) {
      restarts.inc({ service, outcome })
    },
  }
}
