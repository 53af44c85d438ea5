import type Docker from 'dockerode'

/** Where the Docker Engine API is reached. */
export interface DockerEndpoint {
  /**
   * `DOCKER_HOST`, e.g. `unix:///var/run/docker.sock` or `tcp://docker-proxy:2375` (a socket proxy).
   * Wins over `socketPath` when set.
   */
  host?: string
  /** Unix socket used when `host` is unset. Default `/var/run/docker.sock`. */
  socketPath: string
}

export interface DockerConnection {
  /** Options for `new Docker(...)`. */
  options: Docker.DockerOptions
  /** The socket path or URL, for reasons and logs. */
  where: string
}

export const DOCKER_HOST_PATTERN = /^(unix|tcp|http|https):\/\/\S+$/

/** Turns a DOCKER_HOST / socket path into dockerode options; throws a TypeError on an unsupported scheme. */
export function dockerConnection({ host, socketPath }: DockerEndpoint): DockerConnection {
  if (host === undefined || host === '') return { options: { socketPath }, where: socketPath }
  if (!DOCKER_HOST_PATTERN.test(host)) {
    throw new TypeError(
      `DOCKER_HOST "${host}" must be unix://<path>, tcp://<host>:<port>, http:// or https://`,
    )
  }
  if (host.startsWith('unix://')) {
    const path = host.slice('unix://'.length)
    return { options: { socketPath: path }, where: path }
  }
  const url = new URL(host.replace(/^tcp:/, 'http:'))
  const protocol = url.protocol === 'https:' ? 'https' : 'http'
  // Docker's conventions: 2375 plain, 2376 TLS.
  const port = url.port === '' ? (protocol === 'https' ? 2376 : 2375) : Number(url.port)
  return {
    options: { protocol, host: url.hostname, port },
    where: `${protocol}://${url.hostname}:${port}`,
  }
}
