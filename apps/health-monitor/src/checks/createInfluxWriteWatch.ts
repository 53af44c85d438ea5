import type { Clock } from '@squeezeflow/core'
import type { InfluxWriteReading } from '../adapters/watch/influxStats.js'
import type { AlertCondition } from '../types.js'
import {
  deriveInfluxWriteFigures,
  type InfluxWriteFigures,
  type InfluxWriteSample,
  influxWriteConditions,
} from '../watch/deriveInfluxWriteFigures.js'
import { shareWithin } from './shareWithin.js'

export interface InfluxWriteWatchDeps {
  /** One SHOW STATS request (adapters/watch/influxStats.ts); never rejects. */
  read: () => Promise<InfluxWriteReading>
  /** INFLUX_WRITE_ERROR_PERCENT. */
  errorPercent: number
  /** Whether aggr-server's container runs; undefined without Docker. */
  aggrServerRunning: () => Promise<boolean | undefined>
  /**
   * The influxdb and aggr_server checks of one cycle both show the figures: a reading younger than this is
   * shared rather than read again, so each cycle costs one request.
   */
  shareWithinMs: number
  clock: Clock
}

const EMPTY_FIGURES: Omit<InfluxWriteFigures, 'interval_seconds' | 'counters_reset'> = {
  write_rate_per_sec: null,
  write_error_percent: null,
  write_requests_per_min: null,
  write_errors_per_min: null,
  write_timeouts_per_min: null,
  points_dropped: null,
  points_failed: null,
}

/** The figures as both checks show them: every name present, null until known. */
export interface InfluxWriteView {
  details: Record<string, unknown>
  conditions: AlertCondition[]
  /** Why no figures could be read, e.g. SHOW STATS not permitted; undefined when they could. */
  unavailable?: string
}

/**
 * Keeps the previous sample and the count of cycles above the error threshold between cycles, so each
 * reading yields rates over the last cycle and the `influx_write_errors` rule can ask for two in a row.
 */
export function createInfluxWriteWatch(deps: InfluxWriteWatchDeps) {
  let previous: InfluxWriteSample | undefined
  let breaches = 0

  async function readView(): Promise<InfluxWriteView> {
    const [reading, running] = await Promise.all([deps.read(), deps.aggrServerRunning()])
    if (!reading.available) {
      // The counters are unknown for a while: the next rate starts afresh.
      previous = undefined
      const details = {
        ...EMPTY_FIGURES,
        counters_reset: null,
        write_stats: `unavailable, because ${reading.reason}`,
      }
      return { details, conditions: [], unavailable: reading.reason }
    }
    const before = previous
    previous = reading
    if (before === undefined) {
      return {
        details: {
          ...EMPTY_FIGURES,
          counters_reset: false,
          write_stats: 'first sample, rates from the next cycle',
        },
        conditions: [],
      }
    }
    const figures = deriveInfluxWriteFigures(before, reading)
    const judged = influxWriteConditions(
      figures,
      { errorPercent: deps.errorPercent, aggrServerRunning: running },
      breaches,
    )
    breaches = judged.breaches
    return { details: { ...figures, write_stats: 'available' }, conditions: judged.conditions }
  }

  return {
    /** The figures of this cycle: a fresh reading, or the one another check of the cycle already took. */
    current: shareWithin(readView, deps.shareWithinMs, deps.clock),
  }
}

export type InfluxWriteWatch = ReturnType<typeof createInfluxWriteWatch>
