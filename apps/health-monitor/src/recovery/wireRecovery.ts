import type { Logger } from '@squeezeflow/service-kit/logger'
import { createDockerContainers, type DockerContainers } from '../adapters/createDockerContainers.js'
import { createInfluxAdapter } from '../adapters/createInfluxAdapter.js'
import type { HealthMonitorConfig } from '../config.js'
import type { RecoveryContext } from '../createHealthMonitor.js'
import { createRecovery, type Recovery } from './createRecovery.js'
import { registerRecoveryMetrics } from './recoveryStatus.js'
import type { RecoveryConfig } from './types.js'

export interface RecoveryWiring {
  /** The Docker adapter; also what feeds `container_running` into the aggr_server and strategy_runner checks. */
  containers: DockerContainers
  /** For `createHealthMonitor`'s `recovery` dependency: built on the monitor's Redis, publisher and registry. */
  recovery: (context: RecoveryContext) => Recovery
  /** Closes recovery (a no-op before it was built); run it before the monitor closes its Redis connection. */
  close(): Promise<void>
}

/** Auto-recovery wired into health-monitor: Docker adapter, data-flow verification on InfluxDB, metrics. */
export function wireRecovery(
  config: HealthMonitorConfig,
  recoveryConfig: RecoveryConfig,
  logger: Logger,
): RecoveryWiring {
  const project = recoveryConfig.containers.aggr_server.composeProject
  const containers = createDockerContainers({
    endpoint: recoveryConfig.docker,
    // Redis and InfluxDB too, for their containers' resources: never restarted (not on the allowlist).
    targets: {
      ...recoveryConfig.containers,
      redis: { composeService: config.watch.composeServices.redis, composeProject: project },
      influxdb: { composeService: config.watch.composeServices.influxdb, composeProject: project },
    },
    // Defence in depth: with recovery disabled the adapter refuses restarts too.
    restartable: new Set(recoveryConfig.enabled ? recoveryConfig.services : []),
    logger,
  })
  const { dataResumedSince } = createInfluxAdapter(
    config.influx,
    config.checkTimeoutSeconds * 1000,
    config.watch.influxCredentials,
  )
  let built: Recovery | undefined
  return {
    containers,
    recovery(context) {
      built = createRecovery({
        config: recoveryConfig,
        docker: containers,
        redis: context.redis,
        keys: context.keys,
        publishAlert: context.publishAlert,
        dataResumedSince,
        metrics: registerRecoveryMetrics(context.registry),
        logger: context.logger,
        clock: context.clock,
        intervalMs: config.checkIntervalSeconds * 1000,
      })
      return built
    },
    close: async () => built?.close(),
  }
}
