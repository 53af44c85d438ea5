import type { AlertmanagerAlert } from './toAlertmanagerAlert.js'

export type FetchFn = typeof globalThis.fetch

/** `POST <baseUrl>/api/v2/alerts`, as Prometheus sends; rejects on a non-2xx answer or after `timeoutMs`. */
export async function postAlerts(
  fetchFn: FetchFn,
  baseUrl: string,
  alerts: readonly AlertmanagerAlert[],
  timeoutMs: number,
): Promise<void> {
  const response = await fetchFn(`${baseUrl}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(alerts),
    signal: AbortSignal.timeout(timeoutMs),
  })
  if (!response.ok) {
    const body = (await response.text().catch(() => '')).slice(0, 200)
    throw new Error(`HTTP ${response.status}${body ? `: ${body}` : ''}`)
  }
  await response.body?.cancel().catch(() => undefined)
}
