export interface InfluxConfigInput {
  /** Temp dir holding meta/, data/ and wal/. */
  readonly dir: string
  readonly host: string
  /** HTTP API port. */
  readonly httpPort: number
  /** Port of the backup/restore RPC service (top-level bind-address). */
  readonly rpcPort: number
}

const toml = (value: string): string => JSON.stringify(value)

/**
 * influxd 1.6 configuration (keys as printed by `influxd config`) for a private, quiet test server:
 * both listeners on loopback ports of our choosing (the defaults 8086/8088 may be taken), no usage
 * reporting, no `_internal` monitor database, no request or query logs to drown real errors.
 */
export function renderInfluxConfig(input: InfluxConfigInput): string {
  const { dir, host, httpPort, rpcPort } = input
  return `reporting-disabled = true
bind-address = ${toml(`${host}:${rpcPort}`)}

[meta]
  dir = ${toml(`${dir}/meta`)}
  logging-enabled = false

[data]
  dir = ${toml(`${dir}/data`)}
  wal-dir = ${toml(`${dir}/wal`)}
  query-log-enabled = false

[monitor]
  store-enabled = false

[http]
  enabled = true
  bind-address = ${toml(`${host}:${httpPort}`)}
  auth-enabled = false
  log-enabled = false
  pprof-enabled = false

[logging]
  level = "warn"
  suppress-logo = true

[continuous_queries]
  log-enabled = false
`
}
