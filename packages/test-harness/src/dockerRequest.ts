import { request } from 'node:http'
import type { Readable } from 'node:stream'

export interface DockerRequest {
  readonly method?: string
  /** API path with query, e.g. '/containers/json?all=1'. Unversioned: the daemon's own version. */
  readonly path: string
  readonly body?: string | Readable
  readonly contentType?: string
  /** Default 30 000 ms. */
  readonly timeoutMs?: number
}

export interface DockerResponse {
  readonly status: number
  readonly body: string
}

/**
 * One Docker Engine API call over the daemon's unix socket, with the whole response as text. The
 * harness needs only a handful of calls and no client library, so tests are free to pick theirs.
 */
export function dockerRequest(socketPath: string, req: DockerRequest): Promise<DockerResponse> {
  const { method = 'GET', path, body, contentType = 'application/json', timeoutMs = 30_000 } = req
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = body === undefined ? {} : { 'Content-Type': contentType }
    const call = request({ socketPath, path, method, headers, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.once('error', reject)
      response.once('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      )
    })
    call.once('timeout', () =>
      call.destroy(new Error(`docker ${method} ${path} timed out after ${timeoutMs} ms`)),
    )
    call.once('error', reject)
    if (body === undefined || typeof body === 'string') {
      call.end(body)
    } else {
      body.once('error', (error) => call.destroy(error))
      body.pipe(call)
    }
  })
}
