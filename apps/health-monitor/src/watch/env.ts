import {
  ConfigError,
  type EnvField,
  intField,
  listField,
  numberField,
  optionalField,
  parseEnv,
  stringField,
} from '@squeezeflow/core'

/** Redis key names as the stack spells them: prefix, colons, hash tags. */
const KEY_PATTERN = /^[A-Za-z0-9_.:{}-]+$/

const SERVICE_NAME = /^[A-Za-z0-9_.-]+$/
const SERVICE_ACCEPTS = 'letters, digits, _ . or -'

/** `key=limit,key=limit`: a depth above `limit` warns. */
export function keyThresholdsField(): EnvField<Record<string, number>> {
  return {
    accepts: 'a comma-separated list of key=integer, e.g. squeezeflow:signals:queue=100',
    defaultValue: {},
    parse(raw) {
      const thresholds: Record<string, number> = {}
      for (const item of raw.split(',').map((s) => s.trim())) {
        if (item === '') continue
        const match = /^([^=\s]+)=(\d+)$/.exec(item)
        if (!match?.[1] || !match[2] || !KEY_PATTERN.test(match[1])) return undefined
        thresholds[match[1]] = Number(match[2])
      }
      return thresholds
    },
  }
}

/** The watch figures' own variables; each is checked at start-up like the rest of the config. */
export const WATCH_ENV = {
  /** Queues whose depth is measured each cycle (list, stream or sorted set). Default none. */
  QUEUE_KEYS: listField([], KEY_PATTERN),
  /** Depth above which a queue warns, per key; keys must be in QUEUE_KEYS. Default none. */
  QUEUE_KEYS_WARN: keyThresholdsField(),
  /** At most this many keys are examined by the SCAN for the newest signal key. Default 1000. */
  SIGNAL_SCAN_LIMIT: intField(1000, { min: 10, max: 1_000_000 }),
  /** Write error rate above which (for 2 cycles) InfluxDB writes warn, in percent. Default 1. */
  INFLUX_WRITE_ERROR_PERCENT: numberField(1, { min: 0, max: 100 }),
  /** Compose services of Redis and InfluxDB, whose containers' resources are shown (COMPOSE_PROJECT applies). */
  REDIS_COMPOSE_SERVICE: stringField('redis', SERVICE_NAME, SERVICE_ACCEPTS),
  INFLUX_COMPOSE_SERVICE: stringField('aggr-influx', SERVICE_NAME, SERVICE_ACCEPTS),
  /** The monitor's InfluxDB user, where authentication is on; SHOW STATS needs an admin. Default none. */
  INFLUX_USERNAME: optionalField(stringField('')),
  INFLUX_PASSWORD: optionalField(stringField('', /^[\s\S]+$/, 'a non-empty password')),
} as const

export interface WatchConfig {
  queueKeys: string[]
  queueWarn: Record<string, number>
  signalScanLimit: number
  influxWriteErrorPercent: number
  /** Compose service names of the `redis` and `influxdb` checks' containers. */
  composeServices: { redis: string; influxdb: string }
  /** Sent with every InfluxDB request of the monitor when INFLUX_USERNAME is set. */
  influxCredentials?: { username: string; password: string }
}

/** Throws a ConfigError naming the first bad variable. */
export function loadWatchConfig(env: Record<string, string | undefined>): WatchConfig {
  const e = parseEnv(env, WATCH_ENV)
  const unknown = Object.keys(e.QUEUE_KEYS_WARN).filter((key) => !e.QUEUE_KEYS.includes(key))
  if (unknown.length > 0) {
    const accepts = `thresholds only for keys listed in QUEUE_KEYS (${unknown.join(', ')} is not)`
    throw new ConfigError('QUEUE_KEYS_WARN', accepts, env.QUEUE_KEYS_WARN ?? '')
  }
  if (e.INFLUX_PASSWORD !== undefined && e.INFLUX_USERNAME === undefined) {
    // The password itself is never repeated in an error.
    throw new ConfigError('INFLUX_PASSWORD', 'a password only together with INFLUX_USERNAME', '(set)')
  }
  return {
    queueKeys: e.QUEUE_KEYS,
    queueWarn: e.QUEUE_KEYS_WARN,
    signalScanLimit: e.SIGNAL_SCAN_LIMIT,
    influxWriteErrorPercent: e.INFLUX_WRITE_ERROR_PERCENT,
    composeServices: { redis: e.REDIS_COMPOSE_SERVICE, influxdb: e.INFLUX_COMPOSE_SERVICE },
    ...(e.INFLUX_USERNAME === undefined
      ? {}
      : { influxCredentials: { username: e.INFLUX_USERNAME, password: e.INFLUX_PASSWORD ?? '' } }),
  }
}
