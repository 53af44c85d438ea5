import { boolField, type EnvValues, intField } from '@squeezeflow/core'

/** The status page's environment variables; health-monitor's config spreads them into its spec. */
export const STATUS_PAGE_ENV = {
  /** Serve `/`, `/events`, `/badge/…` and `/static/…`. */
  STATUS_PAGE_ENABLED: boolField(true),
  /** Concurrent `/events` streams; one more gets 503. */
  STATUS_PAGE_MAX_CLIENTS: intField(100, { min: 1, max: 10_000 }),
  /** Seconds between keep-alive comments on `/events`, so proxies do not close an idle stream. */
  STATUS_PAGE_HEARTBEAT_SECONDS: intField(15, { min: 1, max: 300 }),
}

export interface StatusPageConfig {
  enabled: boolean
  maxClients: number
  heartbeatSeconds: number
}

export function statusPageConfigFrom(env: EnvValues<typeof STATUS_PAGE_ENV>): StatusPageConfig {
  return {
    enabled: env.STATUS_PAGE_ENABLED,
    maxClients: env.STATUS_PAGE_MAX_CLIENTS,
    heartbeatSeconds: env.STATUS_PAGE_HEARTBEAT_SECONDS,
  }
}
