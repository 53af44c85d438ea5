import { InfluxDB, type IPoolOptions } from 'influx'

export interface InfluxClientOptions {
  host: string
  port: number
  /** INFLUX_DATABASE: the influx client sends a database with every query, even where none is read. */
  database: string
  /** With authentication on, SHOW STATS needs an admin user. */
  username?: string
  password?: string
  timeoutMs: number
}

/**
 * The influx pool takes a failed host out of rotation for a growing backoff and answers "No host available"
 * meanwhile; a monitor must try the real server every cycle, so the host is never disabled.
 */
const NEVER_DISABLE: NonNullable<IPoolOptions['backoff']> = {
  getDelay: () => 0,
  next: () => NEVER_DISABLE,
  reset: () => NEVER_DISABLE,
}

/** The monitor's InfluxDB client (checks, figures, restart verification): one request per query, no retries, bounded by `timeoutMs`. */
export function createInfluxClient(options: InfluxClientOptions): InfluxDB {
  const { host, port, database, username, password, timeoutMs } = options
  return new InfluxDB({
    host,
    port,
    protocol: 'http',
    database,
    ...(username === undefined ? {} : { username, password: password ?? '' }),
    pool: { maxRetries: 0, requestTimeout: timeoutMs, backoff: NEVER_DISABLE },
  })
}

export interface RawStatement<S> {
  error?: string
  series?: S[]
}

/** `queryRaw`'s body; a request-level or statement error is thrown with the server's message. */
export async function queryStatements<S>(
  influx: InfluxDB,
  statements: string[],
): Promise<Array<RawStatement<S>>> {
  const body = (await influx.queryRaw(statements)) as { error?: string; results?: Array<RawStatement<S>> }
  const failed = body.error ?? body.results?.find((r) => r.error !== undefined)?.error
  if (failed !== undefined) throw new Error(failed)
  return body.results ?? []
}
