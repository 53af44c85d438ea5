import type { HealthStatus } from '@squeezeflow/core'
import type { AlertCondition, ContainerStateProvider } from '../types.js'

export interface ContainerView {
  /** `null` when no provider is wired or the container is not known. */
  container_running: boolean | null
  container: Record<string, unknown> | null
  status: HealthStatus
  condition?: AlertCondition
}

/** What the Docker seam says about a service's container; a stopped container is critical. */
export async function containerView(
  provider: ContainerStateProvider | undefined,
  service: string,
): Promise<ContainerView> {
  const state = provider ? await provider.containerState(service).catch(() => undefined) : undefined
  if (!state) return { container_running: null, container: null, status: 'healthy' }
  const view: ContainerView = { container_running: state.running, container: { ...state }, status: 'healthy' }
  if (state.running) return view
  return {
    ...view,
    status: 'critical',
    condition: {
      rule: 'container_stopped',
      severity: 'critical',
      message: `${service} container ${state.name} is ${state.status}`,
    },
  }
}
