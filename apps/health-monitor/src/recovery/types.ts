import type { ContainerTarget } from '../adapters/createDockerContainers.js'
import type { DockerEndpoint } from '../adapters/dockerConnection.js'

/** The only services auto-recovery knows rules for; nothing outside `RecoveryConfig.services` is touched. */
export const RECOVERABLE_SERVICES = ['aggr_server', 'strategy_runner'] as const
export type RecoverableService = (typeof RECOVERABLE_SERVICES)[number]

export function isRecoverableService(name: string): name is RecoverableService {
  return (RECOVERABLE_SERVICES as readonly string[]).includes(name)
}

/** Auto-recovery settings, resolved from the environment by `loadRecoveryConfig`. */
export interface RecoveryConfig {
  /** `AUTO_RESTART_ENABLED`, default true. */
  enabled: boolean
  /** The allowlist, `AUTO_RESTART_SERVICES`; default both recoverable services. */
  services: RecoverableService[]
  /** Restarts allowed per service in any rolling window, `RESTART_BUDGET`; default 3. */
  budget: number
  /** `RESTART_WINDOW_SECONDS`, default 3600. */
  windowSeconds: number
  /** How long a restart has to prove itself, `RESTART_VERIFY_GRACE_SECONDS`; default 120. */
  verifyGraceSeconds: number
  /** Docker's stop timeout before SIGKILL, `RESTART_STOP_TIMEOUT_SECONDS`; default 10. */
  stopTimeoutSeconds: number
  /** TTL of the one-actor lease, `RECOVERY_LEASE_SECONDS`; default 90. Keep it above the check interval. */
  leaseSeconds: number
  /** How long a restart condition must hold first, per service, in seconds. */
  sustainSeconds: Record<RecoverableService, number>
  docker: DockerEndpoint
  containers: Record<RecoverableService, ContainerTarget>
}

export const RESTART_OUTCOMES = ['pending', 'verified', 'not_verified', 'error'] as const
/** `pending` until verification ends; `error` when Docker refused or failed the restart call. */
export type RestartOutcome = (typeof RESTART_OUTCOMES)[number]

/** One restart, as kept in `<prefix>:recovery:restarts:<service>` (member JSON has times as ISO-8601). */
export interface RestartRecord {
  /** Milliseconds since the epoch; also the sorted-set score. */
  at: number
  outcome: RestartOutcome
  /** When the outcome was settled, ms; absent while pending and in records written before it existed. */
  settled_at?: number
  /** Why it was restarted, or why the restart failed. */
  reason: string
  /** The health-monitor instance that restarted it. */
  instance: string
}

/** What recovery decided for one service in one cycle. */
export type Decision =
  | { action: 'none' }
  | { action: 'wait'; reason: string }
  | { action: 'hold'; reason: string; heldBackBy: string }
  | { action: 'suspend'; reason: string; until: number }
  | { action: 'refuse'; reason: string }
  | { action: 'restart'; reason: string }
