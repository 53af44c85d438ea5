import { errorMessage } from '@squeezeflow/core'

export type ConnectionFailureKind =
  | 'name_not_resolved'
  | 'connection_refused'
  | 'timed_out'
  | 'connection_reset'
  | 'other'

export interface ConnectionFailure {
  kind: ConnectionFailureKind
  host: string
  port: number
  /** One line naming host and port and what went wrong, e.g. `aggr-server:3000: connection refused`. */
  message: string
}

const KIND_BY_CODE: Record<string, ConnectionFailureKind> = {
  ENOTFOUND: 'name_not_resolved',
  EAI_AGAIN: 'name_not_resolved',
  EAI_NONAME: 'name_not_resolved',
  ECONNREFUSED: 'connection_refused',
  ETIMEDOUT: 'timed_out',
  UND_ERR_CONNECT_TIMEOUT: 'timed_out',
  UND_ERR_HEADERS_TIMEOUT: 'timed_out',
  UND_ERR_BODY_TIMEOUT: 'timed_out',
  ECONNRESET: 'connection_reset',
  EPIPE: 'connection_reset',
  UND_ERR_SOCKET: 'connection_reset',
}

/** `err`, then its `cause`s, then the first of an AggregateError's `errors` (Node's happy eyeballs). */
function* chain(err: unknown): Generator<Record<string, unknown>> {
  let current: unknown = err
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const e = current as Record<string, unknown>
    yield e
    const nested = Array.isArray(e.errors) ? e.errors[0] : undefined
    current = e.cause ?? nested
  }
}

/**
 * A deadline passed: fetch's AbortSignal.timeout and core's withTimeout throw a `TimeoutError`; the influx
 * pool a `ServiceNotAvailableError` "Request timed out".
 */
function isTimeout(e: Record<string, unknown>): boolean {
  const type = (e.constructor as { name?: unknown } | undefined)?.name
  if (e.name === 'TimeoutError' || type === 'TimeoutError') return true
  return type === 'ServiceNotAvailableError' && /timed out/i.test(String(e.message))
}

/** The kind of a network failure, from its error code anywhere in the cause chain, or its name. */
export function connectionFailureKind(err: unknown): ConnectionFailureKind {
  for (const e of chain(err)) {
    const byCode = typeof e.code === 'string' ? KIND_BY_CODE[e.code] : undefined
    if (byCode !== undefined) return byCode
    if (isTimeout(e)) return 'timed_out'
  }
  return 'other'
}

function endpointOf(url: string): { host: string; port: number } {
  const parsed = new URL(url)
  const port = parsed.port === '' ? (parsed.protocol === 'https:' ? 443 : 80) : Number(parsed.port)
  return { host: parsed.hostname, port }
}

function innermostMessage(err: unknown): string {
  let message = errorMessage(err)
  for (const e of chain(err)) if (typeof e.message === 'string' && e.message !== '') message = e.message
  return message
}

/**
 * What a failed request to `url` means for an operator: the name did not resolve, the connection was
 * refused, or the request timed out — with host and port. `timeoutMs` is named in the timeout message.
 */
export function describeConnectionFailure(err: unknown, url: string, timeoutMs?: number): ConnectionFailure {
  const { host, port } = endpointOf(url)
  const kind = connectionFailureKind(err)
  const where = `${host}:${port}`
  const detail: Record<ConnectionFailureKind, string> = {
    name_not_resolved: `the name ${host} did not resolve`,
    connection_refused: `connection refused (nothing listens on port ${port})`,
    timed_out:
      timeoutMs === undefined ? 'the request timed out' : `the request timed out after ${timeoutMs} ms`,
    connection_reset: 'the connection was reset',
    other: innermostMessage(err),
  }
  return { kind, host, port, message: `${where}: ${detail[kind]}` }
}
