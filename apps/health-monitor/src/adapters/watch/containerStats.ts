import type { Clock } from '@squeezeflow/core'
import Docker from 'dockerode'
import {
  type ContainerResources,
  type CpuStatsPart,
  containerResources,
  type StatsPart,
  withPreviousCpu,
} from '../../watch/containerResources.js'
import type { Unavailable } from '../../watch/types.js'
import { type DockerEndpoint, dockerConnection } from '../dockerConnection.js'
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
  /** Deadline of each stats/inspect call, in ms. Default 5000. */
  callTimeoutMs?: number
  /**
   * Ask for `one-shot` stats (Engine API 1.41, Docker 20.10): the daemon answers with its next sample instead
   * of waiting for two (bench/watchCost.bench.ts: ≈1 s instead of ≈2 s per cycle, whatever the number of
   * containers, since its collector samples once a second), and CPU percent is taken between this cycle and
   * the last, so it covers the whole cycle (null in the first). Default true; false for older daemons.
   */
  oneShot?: boolean
  clock: Clock
}

/**
 * Resources of the given containers: per container one `stats` and one `inspect`, all in parallel, each
 * aborted at the deadline. Never rejects; a failure is that container's reason. Remembers each container's
 * last CPU sample for the next cycle.
 */
export function createContainerStats(options: ContainerStatsOptions) {
  const { callTimeoutMs = 5000, oneShot = true, clock } = options
  const { options: dockerOptions, where } = dockerConnection(options.endpoint)
  const docker = new Docker(dockerOptions)
  const lastCpu = new Map<string, CpuStatsPart>()

  async function readOne({ service, containerId }: ContainerRef): Promise<ContainerResourcesReading> {
    const signal = AbortSignal.timeout(callTimeoutMs)
    const container = docker.getContainer(containerId)
    // docker-modem takes abortSignal off the options and aborts the request; dockerode's types omit it for stats.
    const statsOptions: { stream: false; 'one-shot': boolean } & { abortSignal: AbortSignal } = {
      stream: false,
      'one-shot': oneShot,
      abortSignal: signal,
    }
    try {
      const [raw, inspect] = await Promise.all([
        container.stats(statsOptions),
        container.inspect({ abortSignal: signal }),
      ])
      const stats = withPreviousCpu(raw as StatsPart, lastCpu.get(containerId))
      lastCpu.set(containerId, raw.cpu_stats)
      return { available: true, ...containerResources(service, stats, inspect, clock()) }
    } catch (error) {
      const reason = signal.aborted
        ? `docker stats of ${service} timed out after ${callTimeoutMs} ms`
        : dockerErrorReason(error, where)
      return { available: false, service, reason }
    }
  }

  return {
    read(containers: readonly ContainerRef[]): Promise<ContainerResourcesReading[]> {
      // Forget containers no longer asked about (recreated ones get new ids).
      const wanted = new Set(containers.map((c) => c.containerId))
      for (const id of lastCpu.keys()) if (!wanted.has(id)) lastCpu.delete(id)
      return Promise.all(containers.map(readOne))
    },
  }
}
