import type { AlertSeverity, HealthCheck, HealthStatus } from '@squeezeflow/core'
import type { RepeatingTask } from '@squeezeflow/service-kit/scheduling'

/** A condition a check found that deserves an alert for as long as it lasts. */
export interface AlertCondition {
  /** Stable rule name, part of the alert fingerprint, e.g. `data_gap`. */
  rule: string
  severity: AlertSeverity
  message: string
  value?: number
  threshold?: number
  /** How long the condition must hold before it fires, in seconds. Default 0. */
  durationSeconds?: number
}

/** What a check function returns; the loop adds the name, the timing and the timestamp. */
export interface CheckOutcome {
  status: HealthStatus
  message: string
  details?: Record<string, unknown>
  /** Conditions that should alert now. None while the status is fine. */
  conditions?: AlertCondition[]
}

export type CheckFn = () => Promise<CheckOutcome>

export interface CheckOptions {
  /**
   * Whether this service can make the overall status worse than `degraded`. Default true; a non-critical
   * service that is unhealthy shows as such in its own entry but only degrades the whole.
   */
  critical?: boolean
  /** Overrides the loop's default timeout, in seconds. */
  timeoutSeconds?: number
}

/** One completed check cycle, handed to every `onCycle` listener. */
export interface CycleReport {
  /** Sequence number, from 1. */
  cycle: number
  /** The latest result of every registered check. */
  results: ReadonlyMap<string, HealthCheck>
  /** Active alert conditions per service, as of this cycle. */
  conditions: ReadonlyMap<string, readonly AlertCondition[]>
  /** Names of the services registered as critical. */
  criticalServices: ReadonlySet<string>
  /** Epoch ms. */
  startedAt: number
  completedAt: number
}

export type CycleListener = (report: CycleReport) => void | Promise<void>

/** What the Docker adapter knows about the container of one monitored service. */
export interface ContainerState {
  container_id: string
  name: string
  running: boolean
  /** Docker's state: `running`, `exited`, `restarting`, … */
  status: string
  /** The container's own HEALTHCHECK verdict, when it has one. */
  health?: string
  restart_count: number
  /** ISO-8601. */
  started_at?: string
}

/**
 * Lets checks report `container_running` without knowing about Docker. Resolves to undefined when the
 * service has no container or Docker is unavailable; never rejects.
 */
export interface ContainerStateProvider {
  containerState(service: string): Promise<ContainerState | undefined>
}

/**
 * The seam between the check loop and auto-recovery: after every completed cycle the loop hands the latest
 * results over, and the HTTP layer asks for what recovery wants shown.
 */
export interface RecoveryHook {
  /** Must return quickly and never throw; slow work (restarts, verification) runs in the background. */
  afterCycle(results: ReadonlyMap<string, HealthCheck>): void
  /** Recovery state of one service for `/health/service/{name}`; undefined when it is not managed. */
  statusFor(service: string): Record<string, unknown> | undefined
  /** Recovery overview for `/health/detailed` and `/status`. */
  summary(): Record<string, unknown>
  /** Repeating tasks of its own: the monitor starts and stops them and judges them in `/livez`. */
  readonly tasks?: readonly RepeatingTask[]
  /**
   * How long its firing alerts may go unannounced by any instance while all is well (a leader change), in
   * seconds; the shared alert state does not resolve them as stale sooner.
   */
  readonly alertSilenceSeconds?: number
}
