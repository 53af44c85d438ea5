import type { Clock } from '@squeezeflow/core'
import Docker from 'dockerode'
import {
  type ContainerResources,
  containerResources,
  type StatsPart,
} from '../../watch/containerResources.js'
import type { Unavailable } from '../../watch/counters.js'
import { type DockerEndpoint, dockerConnection } from '../dockerEndpoint.js'
import { dockerErrorReason } from '../dockerErrorReason.js'

/** A monitored service and its container, as the Docker adapter found it (`ContainerState.container_id`). */
export interface ContainerRef {
  service: string
  containerId: string
}

export type ContainerResourcesReading =
  | ({ available: true } & ContainerResources)
  | (Unavailable & { service: string })

export interface ContainerStatsOptions {
  endpoint: DockerEndpoint
  /** Deadline of each stats/inspect call, in ms. A non-streaming stats call takes about a second: the daemon waits for a second sample to fill `precpu_stats`. Default 5000. */
  callTimeoutMs?: number
  clock: Clock
}

/**
 * Resources of the given containers: per container one non-streaming `stats` and one `inspect`, all in
 * parallel, each aborted at the deadline. Never rejects; a failure is that container's reason.
 */
export function createContainerStats(options: ContainerStatsOptions) {
  const { callTimeoutMs = 5000, clock } = options
  const { options: dockerOptions, where } = dockerConnection(options.endpoint)
  const docker = new Docker(dockerOptions)

  async function readOne({ service, containerId }: ContainerRef): Promise<ContainerResourcesReading> {
    const signal = AbortSignal.timeout(callTimeoutMs)
    const container = docker.getContainer(containerId)
    // docker-modem takes abortSignal off the options and aborts the request; dockerode's types omit it for stats.
    const statsOptions: { stream: false } & { abortSignal: AbortSignal } = {
      stream: false,
      abortSignal: signal,
    }
    try {
      const [stats, inspect] = await Promise.all([
        container.stats(statsOptions),
        container.inspect({ abortSignal: signal }),
      ])
      return { available: true, ...containerResources(service, stats as StatsPart, inspect, clock()) }
    } catch (error) {
      const reason = signal.aborted
        ? `docker stats of ${service} timed out after ${callTimeoutMs} ms`
        : dockerErrorReason(error, where)
      return { available: false, service, reason }
    }
  }

  return {
    read: (containers: readonly ContainerRef[]): Promise<ContainerResourcesReading[]> =>
      Promise.all(containers.map(readOne)),
  }
}
