import { errorMessage, withTimeout } from '@squeezeflow/core'
import type { ContainerRef, ContainerResourcesReading } from '../adapters/watch/containerStats.js'
import type { AlertCondition, ContainerStateProvider } from '../types.js'
import { type ContainerThresholds, containerConditions } from '../watch/containerResources.js'

/** The Docker adapter as the container figures use it: the state provider, with its last known availability. */
export type ContainerLookup = ContainerStateProvider & {
  availability?(): { available: boolean; reason?: string }
}

export interface ContainerFiguresDeps {
  containers: ContainerLookup
  stats: { read(containers: readonly ContainerRef[]): Promise<ContainerResourcesReading[]> }
  thresholds: ContainerThresholds
  /** The whole lookup and read give up after this, so a slow daemon never holds the check past its timeout. */
  timeoutMs: number
}

export interface ContainerFigures {
  /** The resources, or `unavailable, because …`. */
  container_resources: Record<string, unknown> | string
  conditions: AlertCondition[]
}

async function read(deps: ContainerFiguresDeps, service: string): Promise<ContainerFigures> {
  const state = await deps.containers.containerState(service)
  if (state === undefined) {
    const docker = deps.containers.availability?.()
    const reason =
      docker && !docker.available && docker.reason ? docker.reason : `no container of ${service} was found`
    return { container_resources: `unavailable, because ${reason}`, conditions: [] }
  }
  const [reading] = await deps.stats.read([{ service, containerId: state.container_id }])
  if (reading === undefined || !reading.available) {
    return {
      container_resources: `unavailable, because ${reading?.reason ?? 'docker gave no answer'}`,
      conditions: [],
    }
  }
  const { available: _, ...resources } = reading
  return { container_resources: resources, conditions: containerConditions(resources, deps.thresholds) }
}

/**
 * CPU, memory, restarts and OOM kills of a service's container (docker stats + inspect), with their alert
 * conditions. Never rejects: Docker out of reach or too slow is "unavailable, because …".
 */
export function createContainerFigures(deps: ContainerFiguresDeps) {
  return (service: string): Promise<ContainerFigures> =>
    withTimeout(read(deps, service), deps.timeoutMs, `container figures of ${service}`).catch((error) => ({
      container_resources: `unavailable, because ${errorMessage(error)}`,
      conditions: [],
    }))
}

export type ContainerFiguresReader = ReturnType<typeof createContainerFigures>
