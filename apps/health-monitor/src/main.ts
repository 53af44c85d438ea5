import { systemClock } from '@squeezeflow/core'
import { serveHttp } from '@squeezeflow/service-kit/http'
import { createLogger } from '@squeezeflow/service-kit/logger'
import { handleShutdown, loadConfigOrExit } from '@squeezeflow/service-kit/runtime'
import { createContainerStats } from './adapters/watch/containerStats.js'
import { loadConfig } from './config.js'
import { createHealthMonitor } from './createHealthMonitor.js'
import { loadRecoveryConfig } from './recovery/loadRecoveryConfig.js'
import { wireRecovery } from './recovery/wireRecovery.js'

const config = loadConfigOrExit(() => loadConfig(process.env), 'health-monitor')
const recoveryConfig = loadConfigOrExit(() => loadRecoveryConfig(process.env), 'health-monitor')
const logger = createLogger({ service: 'health-monitor', level: config.logLevel })
const recovery = wireRecovery(config, recoveryConfig, logger)
const monitor = createHealthMonitor(config, {
  logger,
  containers: recovery.containers,
  recovery: recovery.recovery,
  containerStats: createContainerStats({
    endpoint: recoveryConfig.docker,
    callTimeoutMs: config.checkTimeoutSeconds * 800,
    clock: systemClock,
  }),
})
await monitor.start()

const http = await serveHttp(monitor.createServer(), { port: config.port, logger })
logger.info('health-monitor started', {
  port: config.port,
  redis: `${config.redis.host}:${config.redis.port}`,
  influx: `${config.influx.host}:${config.influx.port}/${config.influx.database}`,
  interval_seconds: config.checkIntervalSeconds,
  auto_restart: recoveryConfig.enabled ? recoveryConfig.services : 'disabled',
  alertmanager: config.alerts.alertmanager?.urls ?? 'disabled',
})

handleShutdown(
  [
    // Open /events streams would hold the HTTP server's close until the forced exit.
    { name: 'status page streams', run: () => monitor.closeStreams() },
    http.closeStep,
    // Before the monitor closes Redis: recovery releases its lease there.
    { name: 'recovery', run: () => recovery.close() },
    { name: 'monitor', run: () => monitor.stop() },
  ],
  logger,
)
