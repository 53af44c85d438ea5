import type { Clock, RedisKeys } from '@squeezeflow/core'
import { createHostProbe } from '@squeezeflow/service-kit/host'
import type { RedisConnection } from '@squeezeflow/service-kit/redis'
import { createHttpProbe } from './adapters/createHttpProbe.js'
import { createInfluxAdapter } from './adapters/createInfluxAdapter.js'
import { createRedisStats } from './adapters/createRedisStats.js'
import { createAggrServerCheck } from './checks/createAggrServerCheck.js'
import { createInfluxCheck } from './checks/createInfluxCheck.js'
import { createPerformanceMonitorCheck } from './checks/createPerformanceMonitorCheck.js'
import { createRedisCheck } from './checks/createRedisCheck.js'
import { createStrategyRunnerCheck } from './checks/createStrategyRunnerCheck.js'
import { createSystemCheck } from './checks/createSystemCheck.js'
import { shareContainerState } from './checks/shareContainerState.js'
import { withFigures } from './checks/withFigures.js'
import type { HealthMonitorConfig } from './config.js'
import { createWatchSources, type WatchSourceDeps } from './createWatchSources.js'
import type { CheckLoop } from './loop/createCheckLoop.js'

export interface DefaultCheckDeps {
  config: HealthMonitorConfig
  /** The monitor's connection, opened in `start()`; undefined before. */
  redis: () => RedisConnection | undefined
  keys: RedisKeys
  clock: Clock
  containers?: WatchSourceDeps['containers']
  /** docker stats of the monitored containers (adapters/watch/containerStats.ts); no resources without it. */
  containerStats?: WatchSourceDeps['containerStats']
}

/** Adapters give up a little before the loop's timeout, so a slow dependency reports its own reason. */
const ADAPTER_TIMEOUT_SHARE = 0.8

/** The six services monitored by default (README "How it works"). Only performance_monitor is non-critical. */
export function registerDefaultChecks(
  loop: Pick<CheckLoop, 'registerCheck'>,
  { config, redis, keys, clock, containerStats, ...deps }: DefaultCheckDeps,
): void {
  const containers =
    deps.containers && shareContainerState(deps.containers, (config.checkIntervalSeconds * 1000) / 2, clock)
  const timeoutMs = Math.max(1, Math.round(config.checkTimeoutSeconds * 1000 * ADAPTER_TIMEOUT_SHARE))
  const influx = createInfluxAdapter(config.influx, timeoutMs, config.watch.influxCredentials)
  const redisStats = createRedisStats(redis, keys, clock)
  const watch = createWatchSources({
    config,
    redisClient: redisStats.client,
    signalPattern: `${config.redis.prefix}:signal:*`,
    counterKey: keys.signalsPublished,
    readDashboard: redisStats.readDashboard,
    containers,
    containerStats,
    timeoutMs,
    clock,
  })

  loop.registerCheck(
    'redis',
    withFigures(
      createRedisCheck(redisStats.stats, config.redisThresholds),
      [watch.queues, watch.container('redis'), watch.sdk('redis')],
      timeoutMs,
    ),
  )
  loop.registerCheck(
    'influxdb',
    withFigures(
      createInfluxCheck(influx.probe, config.influx.database),
      [watch.influxWrites(true), watch.container('influxdb'), watch.sdk('influxdb')],
      timeoutMs,
    ),
  )
  const aggrServer = createAggrServerCheck({
    probe: createHttpProbe(config.aggrServerUrl, timeoutMs),
    dataFlow: () => influx.dataFlow(config.dataFlow),
    classifyFailure: watch.classifyFailure,
    containers,
    config: config.dataFlow,
    clock,
  })
  loop.registerCheck(
    'aggr_server',
    withFigures(
      aggrServer,
      [watch.influxWrites(false), watch.container('aggr_server'), watch.sdk('aggr_server')],
      timeoutMs,
    ),
  )
  const strategyRunner = createStrategyRunnerCheck({
    readCounter: watch.signalCounter,
    counterKey: keys.signalsPublished,
    stallSeconds: config.signalStallSeconds,
    containers,
    clock,
  })
  loop.registerCheck(
    'strategy_runner',
    withFigures(
      strategyRunner,
      [watch.signals, watch.container('strategy_runner'), watch.sdk('strategy_runner')],
      timeoutMs,
    ),
  )
  loop.registerCheck(
    'system',
    createSystemCheck(createHostProbe(), config.system.diskPath, config.system, clock),
  )
  loop.registerCheck(
    'performance_monitor',
    createPerformanceMonitorCheck(watch.readDashboard, config.dashboardUpdateIntervalSeconds, clock),
    { critical: false },
  )
}
