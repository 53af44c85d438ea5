import { Counter, type Registry } from 'prom-client'
import type { ContainerState } from '../types.js'
import { restartBudget } from './decideRestart.js'
import { type Decision, RECOVERABLE_SERVICES, type RecoveryConfig, type RestartRecord } from './types.js'

/** What the last cycle learned about one service. */
export interface ServiceSnapshot {
  decision: Decision
  /** Known restarts; kept current by restarts made between cycles. */
  history: RestartRecord[]
  container: ContainerState | undefined
  /** The restart history came from Redis (else from this process's memory only). */
  fromRedis: boolean
  /** When this snapshot was taken, ms. */
  at: number
}

export interface StatusContext {
  config: RecoveryConfig
  docker: { available: boolean; reason?: string }
  leader: boolean
  /** Not on the allowlist: shown, never acted on. */
  allowlisted: boolean
  now: number
}

const iso = (ms: number) => new Date(ms).toISOString()

/** The recovery block of `/health/service/{name}` (snake_case JSON contract). */
export function serviceRecoveryStatus(
  snapshot: ServiceSnapshot | undefined,
  ctx: StatusContext,
): Record<string, unknown> {
  const { config, docker } = ctx
  const enabled = config.enabled && ctx.allowlisted
  const status: Record<string, unknown> = { enabled, available: docker.available }
  if (!config.enabled) status.reason = 'auto-restart is disabled (AUTO_RESTART_ENABLED=false)'
  else if (!ctx.allowlisted) status.reason = 'not on the auto-restart allowlist (AUTO_RESTART_SERVICES)'
  else if (!docker.available) status.reason = docker.reason ?? 'docker unavailable'
  // Counted now, not at the last cycle: restarts made since and the window moving on both show.
  const budget = restartBudget({
    history: snapshot?.history ?? [],
    now: ctx.now,
    budget: config.budget,
    windowMs: config.windowSeconds * 1000,
  })
  const decision = snapshot?.decision
  Object.assign(status, {
    leader: ctx.leader,
    budget: config.budget,
    window_seconds: config.windowSeconds,
    restarts_in_window: budget.inWindow.map((r) => ({
      at: iso(r.at),
      outcome: r.outcome,
      reason: r.reason,
    })),
    budget_left: budget.left,
    next_allowed_at: budget.nextAllowedAt === undefined ? null : iso(budget.nextAllowedAt),
    last_decision:
      decision === undefined
        ? null
        : decision.action === 'none'
          ? { action: 'none' }
          : { action: decision.action, reason: decision.reason },
    history_source: snapshot === undefined ? null : snapshot.fromRedis ? 'redis' : 'local',
    container: snapshot?.container ?? null,
    checked_at: snapshot === undefined ? null : iso(snapshot.at),
  })
  if (decision?.action === 'hold') status.held_back_by = decision.heldBackBy
  return status
}

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
