import { type Clock, type Dashboard, errorMessage, parseDashboard } from '@squeezeflow/core'
import type { RedisClient } from '@squeezeflow/service-kit/redis'
import { createInfluxStats } from './adapters/watch/influxStats.js'
import { createInfluxTargetSurvey } from './adapters/watch/influxTargetSurvey.js'
import { createRedisWatch, type RedisWatchOptions } from './adapters/watch/redisWatch.js'
import {
  type ContainerFiguresDeps,
  type ContainerLookup,
  createContainerFigures,
} from './checks/createContainerFigures.js'
import { createInfluxWriteWatch } from './checks/createInfluxWriteWatch.js'
import { sdkOperations } from './checks/sdkFigures.js'
import { shareWithin } from './checks/shareWithin.js'
import type { FigureSource } from './checks/withFigures.js'
import type { HealthMonitorConfig } from './config.js'
import {
  classifyInfluxQueryError,
  type InfluxQueryFailure,
  type InfluxTarget,
} from './watch/classifyInfluxQueryError.js'
import { newestSignal } from './watch/newestSignal.js'
import { queueConditions } from './watch/queueDepths.js'
import { signalCounterValue } from './watch/redisWatchReply.js'

export interface WatchSourceDeps {
  config: HealthMonitorConfig
  /** The monitor's Redis client once it is ready; throws before. */
  redisClient: () => RedisClient
  signalPattern: string
  /** The strategy runner's counter, `<prefix>:stats:signals_published`. */
  counterKey: string
  /** performance-monitor's dashboard text, as the performance_monitor check reads it. */
  readDashboard: () => Promise<string | null>
  containers?: ContainerLookup
  containerStats?: ContainerFiguresDeps['stats']
  timeoutMs: number
  clock: Clock
}

const unavailable = (error: unknown) => `unavailable, because ${errorMessage(error)}`

/**
 * The figures the checks show beside their verdicts (README "Watch figures"), built on the watch adapters.
 * Opens nothing: Redis is taken when a figure is read, InfluxDB and Docker are asked per request.
 */
export function createWatchSources(deps: WatchSourceDeps) {
  const { config, clock, timeoutMs } = deps
  const influxOptions = { ...config.influx, ...config.watch.influxCredentials, timeoutMs }
  const target: InfluxTarget = config.influx
  // A reading is shared by the checks of one cycle, never by two cycles.
  const shareWithinMs = (config.checkIntervalSeconds * 1000) / 2

  const writes = createInfluxWriteWatch({
    read: createInfluxStats({ ...influxOptions, clock }).read,
    errorPercent: config.watch.influxWriteErrorPercent,
    aggrServerRunning: async () =>
      (await deps.containers?.containerState('aggr_server').catch(() => undefined))?.running,
    shareWithinMs,
    clock,
  })
  /** The influxdb check raises the write alerts; aggr_server only shows the figures. */
  const influxWrites =
    (alerting: boolean): FigureSource =>
    async () => {
      const view = await writes.current()
      return { details: view.details, conditions: alerting ? view.conditions : [] }
    }

  const survey = createInfluxTargetSurvey({ ...influxOptions, ...target })
  /** Asks InfluxDB what exists only when the server's own answer does not say what failed. */
  async function classifyFailure(err: unknown): Promise<InfluxQueryFailure> {
    const first = classifyInfluxQueryError(err, target)
    if (first.kind !== 'query_error') return first
    try {
      return classifyInfluxQueryError(err, target, await survey.survey())
    } catch {
      return first
    }
  }

  const { containers, containerStats } = deps
  const readContainer =
    containers && containerStats
      ? createContainerFigures({
          containers,
          stats: containerStats,
          thresholds: {
            cpuPercent: 80,
            memoryPercent: 85,
            durationSeconds: config.system.alertDurationSeconds,
          },
          timeoutMs,
        })
      : undefined
  const container = (service: string): FigureSource | undefined =>
    readContainer &&
    (async () => {
      const { container_resources, conditions } = await readContainer(service)
      return { details: { container_resources }, conditions }
    })

  let watch: { client: RedisClient; reads: ReturnType<typeof createRedisWatch> } | undefined
  const redisWatch = () => {
    const client = deps.redisClient()
    if (watch?.client !== client) {
      const options: RedisWatchOptions = {
        counterKey: deps.counterKey,
        queueKeys: config.watch.queueKeys,
        signalPattern: deps.signalPattern,
        scanLimit: config.watch.signalScanLimit,
        clock,
      }
      watch = { client, reads: createRedisWatch(client, options) }
    }
    return watch.reads
  }
  // The redis check's queues and the strategy_runner check's counter and newest signal, all from one call
  // per cycle (adapters/watch/redisWatchScript.ts).
  const redisReading = shareWithin(() => redisWatch().read(), shareWithinMs, clock)

  const queues: FigureSource | undefined =
    config.watch.queueKeys.length === 0
      ? undefined
      : async () => {
          try {
            const depths = (await redisReading()).queues
            return {
              details: { queues: depths },
              conditions: queueConditions(depths, config.watch.queueWarn),
            }
          } catch (error) {
            return { details: { queues: unavailable(error) }, conditions: [] }
          }
        }

  const signals: FigureSource = async () => {
    try {
      const { signals: scan, atMs } = await redisReading()
      const newest = newestSignal(scan.readings, scan, atMs)
      return {
        details: { newest_signal_age_seconds: newest.newest_age_seconds, newest_signal: newest },
        conditions: [],
      }
    } catch (error) {
      return {
        details: { newest_signal_age_seconds: null, newest_signal: unavailable(error) },
        conditions: [],
      }
    }
  }

  /** The strategy_runner check's counter, from the same reading; rejects as a GET of it would. */
  const signalCounter = async (): Promise<number | null> =>
    signalCounterValue((await redisReading()).counter, deps.counterKey)

  // The dashboard the performance_monitor check read last: other checks show their service's SDK figures from it.
  let dashboard: Dashboard | undefined
  const readDashboard = async (): Promise<string | null> => {
    const text = await deps.readDashboard()
    const parsed = text === null ? undefined : parseDashboard(text)
    dashboard = parsed?.ok ? parsed.dashboard : undefined
    return text
  }
  const sdk =
    (service: string): FigureSource =>
    async () => {
      const operations = dashboard === undefined ? [] : sdkOperations(dashboard, service)
      return { details: operations.length === 0 ? {} : { sdk: { operations } }, conditions: [] }
    }

  return { influxWrites, classifyFailure, container, queues, signals, signalCounter, readDashboard, sdk }
}
