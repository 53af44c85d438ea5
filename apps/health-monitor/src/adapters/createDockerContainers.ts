import { withTimeout } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'
import Docker from 'dockerode'
import type { ContainerState, ContainerStateProvider } from '../types.js'
import { type DockerEndpoint, dockerConnection } from './dockerConnection.js'
import { dockerErrorReason, isDockerUnreachable } from './dockerErrorReason.js'
import { pickContainer, toContainerState } from './toContainerState.js'

/** How the container of one monitored service is found. */
export interface ContainerTarget {
  /** Value of the `com.docker.compose.service` label, e.g. `aggr-server`. */
  composeService: string
  /** Value of `com.docker.compose.project`; any project when unset. */
  composeProject?: string
  /** An explicit container name or id; wins over the labels. */
  containerName?: string
}

export interface DockerAvailability {
  available: boolean
  /** Why Docker cannot be used, when it cannot. */
  reason?: string
}

export type RestartResult = { ok: true; container: ContainerState } | { ok: false; reason: string }

export interface DockerContainers extends ContainerStateProvider {
  /** Pings the Engine API and remembers the answer; never rejects. */
  checkAvailability(): Promise<DockerAvailability>
  /** The last known availability, without I/O. */
  availability(): DockerAvailability
  /** Restarts the service's container with a stop timeout; never rejects. Only `restartable` services. */
  restart(service: string, stopTimeoutSeconds: number): Promise<RestartResult>
}

export interface DockerContainersOptions {
  endpoint: DockerEndpoint
  /** Services whose container is looked up, by service name (`aggr_server`). */
  targets: Readonly<Record<string, ContainerTarget>>
  /** The allowlist: the only services `restart` acts on. */
  restartable: ReadonlySet<string>
  logger: Logger
  /** Deadline of list/inspect/ping calls, in ms. Default 5000. */
  callTimeoutMs?: number
}

const LABEL_SERVICE = 'com.docker.compose.service'
const LABEL_PROJECT = 'com.docker.compose.project'

/** The Docker adapter: finds, inspects and restarts the containers of monitored services through dockerode. */
export function createDockerContainers(options: DockerContainersOptions): DockerContainers {
  const { targets, restartable, callTimeoutMs = 5000 } = options
  const log = options.logger.child({ module: 'adapters/docker' })
  const { options: dockerOptions, where } = dockerConnection(options.endpoint)
  const docker = new Docker(dockerOptions)
  let known: DockerAvailability = { available: false, reason: 'not checked yet' }

  const noteSuccess = () => {
    if (!known.available) log.info('docker reachable', { where })
    known = { available: true }
  }
  /** Any failed ping, and a failed call that shows the API itself is out of reach, mark Docker unavailable. */
  const noteFailure = (error: unknown, ping = false): string => {
    const reason = dockerErrorReason(error, where)
    if (ping || isDockerUnreachable(error) || (error as { statusCode?: number }).statusCode === 403) {
      if (known.available || known.reason !== reason) log.warn('docker unavailable', { where, reason })
      known = { available: false, reason }
    }
    return reason
  }

  const find = async (service: string): Promise<Docker.Container | undefined> => {
    const target = targets[service]
    if (target === undefined) return undefined
    if (target.containerName !== undefined) return docker.getContainer(target.containerName)
    const label = [`${LABEL_SERVICE}=${target.composeService}`]
    if (target.composeProject !== undefined) label.push(`${LABEL_PROJECT}=${target.composeProject}`)
    const list = await withTimeout(
      docker.listContainers({ all: true, filters: { label } }),
      callTimeoutMs,
      'docker list',
    )
    const chosen = pickContainer(list)
    return chosen === undefined ? undefined : docker.getContainer(chosen.Id)
  }

  const inspect = async (container: Docker.Container): Promise<ContainerState | undefined> => {
    try {
      return toContainerState(await withTimeout(container.inspect(), callTimeoutMs, 'docker inspect'))
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined
      throw error
    }
  }

  return {
    async checkAvailability() {
      try {
        await withTimeout(docker.ping(), callTimeoutMs, 'docker ping')
        noteSuccess()
      } catch (error) {
        noteFailure(error, true)
      }
      return known
    },
    availability: () => known,
    async containerState(service) {
      try {
        const container = await find(service)
        const state = container === undefined ? undefined : await inspect(container)
        noteSuccess()
        return state
      } catch (error) {
        log.debug('container state unavailable', { service, reason: noteFailure(error) })
        return undefined
      }
    },
    async restart(service, stopTimeoutSeconds) {
      if (!restartable.has(service)) {
        log.error('refused restart of a service not on the allowlist', { service })
        return { ok: false, reason: `${service} is not on the auto-restart allowlist` }
      }
      try {
        const container = await find(service)
        const before = container === undefined ? undefined : await inspect(container)
        if (container === undefined || before === undefined) {
          return { ok: false, reason: `no container found for ${service}` }
        }
        // Stop timeout plus a generous margin for the start: a restart must never hang recovery forever.
        await withTimeout(
          container.restart({ t: stopTimeoutSeconds }),
          (stopTimeoutSeconds + 60) * 1000,
          'docker restart',
        )
        const after = await inspect(container)
        noteSuccess()
        return after === undefined
          ? { ok: false, reason: `container ${before.name} vanished during restart` }
          : { ok: true, container: after }
      } catch (error) {
        return { ok: false, reason: noteFailure(error) }
      }
    },
  }
}
