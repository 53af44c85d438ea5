import { type Dashboard, dashboardSchema } from './dashboardSchema.js'

export type DashboardParse = { ok: true; dashboard: Dashboard } | { ok: false; problem: string }

/**
 * Reads the dashboard's JSON text. Never throws: text that is not JSON, or JSON that breaks the contract,
 * yields the first problem with its path (e.g. `system.cpu_percent: expected number, received string`).
 */
export function parseDashboard(text: string): DashboardParse {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    return { ok: false, problem: `not JSON: ${(err as Error).message}` }
  }
  const result = dashboardSchema.safeParse(raw)
  if (result.success) return { ok: true, dashboard: result.data }
  const [issue] = result.error.issues
  const path = issue?.path.length ? `${issue.path.join('.')}: ` : ''
  return { ok: false, problem: `${path}${issue?.message ?? 'invalid dashboard'}` }
}
