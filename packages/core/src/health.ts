/** Statuses from best to worst; `unknown` is what a service has before its first check completes. */
export const HEALTH_STATUSES = ['healthy', 'degraded', 'unknown', 'unhealthy', 'critical'] as const
export type HealthStatus = (typeof HEALTH_STATUSES)[number]

const RANK: Record<HealthStatus, number> = { healthy: 0, degraded: 1, unknown: 2, unhealthy: 3, critical: 4 }

/** The result of one check of one service. Field names are the HTTP/JSON contract (snake_case). */
export interface HealthCheck {
  name: string
  status: HealthStatus
  /** Wall time the check took, in milliseconds. */
  response_time_ms: number
  message: string
  details: Record<string, unknown>
  /** ISO-8601 time the check completed. */
  timestamp: string
}

export function isHealthStatus(value: unknown): value is HealthStatus {
  return typeof value === 'string' && (HEALTH_STATUSES as readonly string[]).includes(value)
}

/** Negative when `a` is better than `b`. */
export function compareStatus(a: HealthStatus, b: HealthStatus): number {
  return RANK[a] - RANK[b]
}

/** The worst of the given statuses; `unknown` when there are none. */
export function worstStatus(statuses: Iterable<HealthStatus>): HealthStatus {
  let worst: HealthStatus | undefined
  for (const status of statuses) {
    if (worst === undefined || compareStatus(status, worst) > 0) worst = status
  }
  return worst ?? 'unknown'
}

/** A status that still serves traffic answers 200; anything worse answers 503. */
export function httpStatusFor(status: HealthStatus): 200 | 503 {
  return status === 'healthy' || status === 'degraded' ? 200 : 503
}
