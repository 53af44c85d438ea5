interface DockerishError {
  code?: unknown
  statusCode?: unknown
  message?: unknown
}

/** Error codes that mean "the Docker API cannot be reached at all", as opposed to a failed call. */
const UNREACHABLE = new Set([
  'ENOENT',
  'EACCES',
  'EPERM',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
])

export function isDockerUnreachable(error: unknown): boolean {
  const code = (error as DockerishError | undefined)?.code
  return typeof code === 'string' && UNREACHABLE.has(code)
}

/** A one-line reason an operator can act on, e.g. `permission denied on /var/run/docker.sock`. */
export function dockerErrorReason(error: unknown, where: string): string {
  const { code, statusCode, message } = (error ?? {}) as DockerishError
  switch (code) {
    case 'ENOENT':
      return `no Docker socket at ${where}`
    case 'EACCES':
    case 'EPERM':
      return `permission denied on ${where}`
    case 'ECONNREFUSED':
      return `connection refused by ${where}`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve the Docker host of ${where}`
    case 'ETIMEDOUT':
      return `timed out connecting to ${where}`
  }
  if (statusCode === 403) {
    return `forbidden by ${where}: the socket proxy must allow container list, inspect and restart`
  }
  const text = typeof message === 'string' ? message : String(error)
  return `docker at ${where}: ${text}`
}
