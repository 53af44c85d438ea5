import { errorMessage } from '@squeezeflow/core'
import type { HttpProbeResult } from '../checks/createAggrServerCheck.js'

/** GET `url`; any answer below 500 means the server is up. Never rejects. */
export function createHttpProbe(url: string, timeoutMs: number): () => Promise<HttpProbeResult> {
  return async () => {
    const started = performance.now()
    const elapsed = () => Math.round((performance.now() - started) * 100) / 100
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' })
      await response.body?.cancel()
      return { ok: response.status < 500, status_code: response.status, response_time_ms: elapsed() }
    } catch (err) {
      // fetch hides the socket error (ECONNREFUSED, ...) in its cause.
      const cause = err instanceof Error && err.cause !== undefined ? `: ${errorMessage(err.cause)}` : ''
      return {
        ok: false,
        status_code: null,
        response_time_ms: elapsed(),
        error: `${errorMessage(err)}${cause}`,
      }
    }
  }
}
