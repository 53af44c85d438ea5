import type { HttpProbeResult } from '../checks/createAggrServerCheck.js'
import { describeConnectionFailure } from '../watch/describeConnectionFailure.js'

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
      // Host, port and what failed (DNS, refused, timed out), from the socket error fetch hides in its cause.
      const failure = describeConnectionFailure(err, url, timeoutMs)
      return {
        ok: false,
        status_code: null,
        response_time_ms: elapsed(),
        error: failure.message,
        failure: failure.kind,
      }
    }
  }
}
