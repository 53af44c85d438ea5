import type { InfluxQueryResponse } from './types.js'

export interface InfluxHttp {
  query(q: string, db?: string): Promise<InfluxQueryResponse>
  write(lineProtocol: string, db: string, rp?: string): Promise<void>
  ping(): Promise<boolean>
}

const REQUEST_TIMEOUT_MS = 10_000

/** Minimal InfluxDB 1.x HTTP API client over fetch, for tests only. */
export function createInfluxHttp(baseUrl: string): InfluxHttp {
  return {
    async query(q, db) {
      const form = new URLSearchParams({ q })
      if (db !== undefined) form.set('db', db)
      // POST, because CREATE/DROP statements are rejected on GET.
      const response = await fetch(`${baseUrl}/query`, {
        method: 'POST',
        body: form,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      })
      const text = await response.text()
      if (!response.ok) throw new Error(`influx query failed (${response.status}): ${text}`)
      const body = JSON.parse(text) as InfluxQueryResponse & { error?: string }
      const error = body.error ?? body.results.find((r) => r.error !== undefined)?.error
      if (error !== undefined) throw new Error(`influx query failed: ${error} (q: ${q})`)
      return body
    },
    async write(lineProtocol, db, rp) {
      const params = new URLSearchParams({ db })
      if (rp !== undefined) params.set('rp', rp)
      const response = await fetch(`${baseUrl}/write?${params}`, {
        method: 'POST',
        body: lineProtocol,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      })
      if (response.status !== 204) {
        throw new Error(`influx write failed (${response.status}): ${await response.text()}`)
      }
    },
    async ping() {
      const response = await fetch(`${baseUrl}/ping`, { signal: AbortSignal.timeout(1000) })
      await response.body?.cancel()
      return response.status === 204
    },
  }
}
