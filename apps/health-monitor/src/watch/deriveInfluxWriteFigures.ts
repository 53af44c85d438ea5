import type { AlertCondition } from '../types.js'
import { counterDelta, ratePer, round2 } from './counterDelta.js'

/**
 * The `SHOW STATS` counters the figures use, the same names on InfluxDB 1.6 and 1.8. `httpd` counts what
 * arrives over HTTP (aggr-server's path); `write` counts what the points writer did with it.
 */
export const HTTPD_COUNTERS = [
  'writeReq',
  'writeReqBytes',
  'pointsWrittenOK',
  'pointsWrittenFail',
  'pointsWrittenDropped',
  'clientError',
  'serverError',
  'authFail',
] as const
export const WRITE_COUNTERS = [
  'req',
  'pointReq',
  'writeOk',
  'writeError',
  'writeTimeout',
  'writeDrop',
] as const

export type InfluxWriteCounters = {
  httpd: Record<(typeof HTTPD_COUNTERS)[number], number>
  write: Record<(typeof WRITE_COUNTERS)[number], number>
}

/** One reading of the counters, `atMs` when it was taken. */
export interface InfluxWriteSample {
  atMs: number
  counters: InfluxWriteCounters
}

export interface StatsSeries {
  name: string
  columns: readonly string[]
  values?: ReadonlyArray<readonly unknown[]>
}

function sumModule<const N extends string>(
  series: readonly StatsSeries[],
  module: string,
  names: readonly N[],
): Record<N, number> {
  const totals = Object.fromEntries(names.map((n) => [n, 0])) as Record<N, number>
  // httpd reports one series per listener (bind tag): the server's totals are their sum.
  for (const s of series.filter((x) => x.name === module)) {
    const row = s.values?.[0] ?? []
    for (const name of names) {
      const value = row[s.columns.indexOf(name)]
      if (typeof value === 'number') totals[name] += value
    }
  }
  return totals
}

/** The counters out of the series of one `SHOW STATS`; missing ones count 0. */
export function influxWriteCounters(series: readonly StatsSeries[]): InfluxWriteCounters {
  return {
    httpd: sumModule(series, 'httpd', HTTPD_COUNTERS),
    write: sumModule(series, 'write', WRITE_COUNTERS),
  }
}

/** Figures of one cycle; every rate is null when it cannot be known (first cycle, restart, no writes). */
export interface InfluxWriteFigures {
  interval_seconds: number
  /** A counter went down: influxd restarted in between, so this cycle gives no rate. */
  counters_reset: boolean
  /** Points accepted over HTTP, per second. */
  write_rate_per_sec: number | null
  /** Error answers (4xx/5xx) per write request, in percent (capped at 100); null without write requests. */
  write_error_percent: number | null
  write_requests_per_min: number | null
  /** 4xx and 5xx answers per minute. InfluxDB counts them for every endpoint; the monitor's own queries answer 200. */
  write_errors_per_min: number | null
  /** Shard writes that timed out, per minute (each also answers 500). */
  write_timeouts_per_min: number | null
  /** Points rejected by a partial write (type conflict, outside the retention policy) in the cycle. */
  points_dropped: number | null
  /** Points of write requests that failed as a whole in the cycle. */
  points_failed: number | null
}

function anyWentDown(previous: InfluxWriteCounters, current: InfluxWriteCounters): boolean {
  const down = <K extends string>(a: Record<K, number>, b: Record<K, number>) =>
    (Object.keys(a) as K[]).some((k) => b[k] < a[k])
  return down(previous.httpd, current.httpd) || down(previous.write, current.write)
}

/** Rates between two successive samples; after a restart (any counter lower) none at all. */
export function deriveInfluxWriteFigures(
  previous: InfluxWriteSample,
  current: InfluxWriteSample,
): InfluxWriteFigures {
  const seconds = Math.max(0, (current.atMs - previous.atMs) / 1000)
  const reset = anyWentDown(previous.counters, current.counters)
  const d = (pick: (c: InfluxWriteCounters) => number): number | null =>
    reset ? null : counterDelta(pick(previous.counters), pick(current.counters))
  const requests = d((c) => c.httpd.writeReq)
  const errors = d((c) => c.httpd.clientError + c.httpd.serverError)
  return {
    interval_seconds: round2(seconds),
    counters_reset: reset,
    write_rate_per_sec: ratePer(
      d((c) => c.httpd.pointsWrittenOK),
      seconds,
      1,
    ),
    write_error_percent:
      requests === null || errors === null || requests === 0
        ? null
        : round2(Math.min(100, (errors / requests) * 100)),
    write_requests_per_min: ratePer(requests, seconds, 60),
    write_errors_per_min: ratePer(errors, seconds, 60),
    write_timeouts_per_min: ratePer(
      d((c) => c.write.writeTimeout),
      seconds,
      60,
    ),
    points_dropped: d((c) => c.httpd.pointsWrittenDropped),
    points_failed: d((c) => c.httpd.pointsWrittenFail),
  }
}

export interface InfluxWriteRules {
  /** INFLUX_WRITE_ERROR_PERCENT. Default 1. */
  errorPercent: number
  /** Consecutive cycles above `errorPercent` before it alerts. Default 2. */
  errorCycles?: number
  /** Whether aggr-server's container runs (undefined when Docker is not wired): no writes then is suspicious. */
  aggrServerRunning: boolean | undefined
}

/**
 * Alert conditions for one cycle. `breaches` is how many cycles in a row were above the error threshold
 * before this one; the result carries the new count for the next call. A cycle without a rate (restart,
 * first sample) neither counts nor clears a breach.
 */
export function influxWriteConditions(
  figures: InfluxWriteFigures,
  rules: InfluxWriteRules,
  breaches: number,
): { conditions: AlertCondition[]; breaches: number } {
  const conditions: AlertCondition[] = []
  const percent = figures.write_error_percent
  const next = percent === null ? breaches : percent > rules.errorPercent ? breaches + 1 : 0
  const cycles = rules.errorCycles ?? 2
  if (percent !== null && next >= cycles) {
    conditions.push({
      rule: 'influx_write_errors',
      severity: 'warning',
      message: `influxdb write errors: ${percent} % of write requests failed for ${next} cycles (> ${rules.errorPercent} %)`,
      value: percent,
      threshold: rules.errorPercent,
    })
  }
  if ((figures.points_dropped ?? 0) > 0) {
    conditions.push({
      rule: 'influx_points_dropped',
      severity: 'warning',
      message: `influxdb dropped ${figures.points_dropped} points in the last cycle`,
      value: figures.points_dropped ?? 0,
      threshold: 0,
    })
  }
  if (figures.write_rate_per_sec === 0 && rules.aggrServerRunning === true) {
    conditions.push({
      rule: 'influx_no_writes',
      severity: 'warning',
      message: `influxdb received no points for ${figures.interval_seconds} s while aggr-server's container runs`,
      value: 0,
      threshold: 0,
    })
  }
  return { conditions, breaches: next }
}
