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
import type { HealthMonitorConfig } from './config.js'
import type { CheckLoop } from './loop/createCheckLoop.js'
import type { ContainerStateProvider } from './types.js'

export interface DefaultCheckDeps {
  config: HealthMonitorConfig
  /** The monitor's connection, opened in `start()`; undefined before. */
  redis: () => RedisConnection | undefined
  keys: RedisKeys
  clock: Clock
  containers?: ContainerStateProvider
}

/** Adapters give up a little before the loop's timeout, so a slow dependency reports its own reason. */
const ADAPTER_TIMEOUT_SHARE = 0.8

/** The six services monitored by default (README "How it works"). Only performance_monitor is non-critical. */
export function registerDefaultChecks(
  loop: Pick<CheckLoop, 'registerCheck'>,
  { config, redis, keys, clock, containers }: DefaultCheckDeps,
): void {
  const timeoutMs = Math.max(1, Math.round(config.checkTimeoutSeconds * 1000 * ADAPTER_TIMEOUT_SHARE))
  const influx = createInfluxAdapter(config.influx, timeoutMs)
  const redisStats = createRedisStats(redis, keys)

  loop.registerCheck('redis', createRedisCheck(redisStats.stats, config.redisThresholds))
  loop.registerCheck('influxdb', createInfluxCheck(influx.probe, config.influx.database))
  loop.registerCheck(
    'aggr_server',
    createAggrServerCheck({
      probe: createHttpProbe(config.aggrServerUrl, timeoutMs),
      dataFlow: () => influx.dataFlow(config.dataFlow),
      containers,
      config: config.dataFlow,
      clock,
    }),
  )
  loop.registerCheck(
    'strategy_runner',
    createStrategyRunnerCheck({
      readCounter: redisStats.readCounter,
      counterKey: keys.signalsPublished,
      stallSeconds: config.signalStallSeconds,
      containers,
      clock,
    }),
  )
  loop.registerCheck(
    'system',
    createSystemCheck(createHostProbe(), config.system.diskPath, config.system, clock),
  )
  loop.registerCheck(
    'performance_monitor',
    createPerformanceMonitorCheck(redisStats.readDashboard, config.dashboardUpdateIntervalSeconds, clock),
    { critical: false },
  )
}
