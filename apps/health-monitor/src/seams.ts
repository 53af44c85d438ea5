import type { HealthCheck } from '@squeezeflow/core'

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
}
