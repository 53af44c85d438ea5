import { serveHttp } from '@squeezeflow/service-kit/http'
import { createLogger } from '@squeezeflow/service-kit/logger'
import { handleShutdown, loadConfigOrExit, readPackageVersion } from '@squeezeflow/service-kit/runtime'
import { loadConfig } from './config.js'
import { createPerformanceMonitor } from './createPerformanceMonitor.js'

const version = readPackageVersion(import.meta.url)
const config = loadConfigOrExit(() => loadConfig(process.env), 'performance-monitor')
const logger = createLogger({ service: 'performance-monitor', level: config.logLevel })
for (const name of config.ignoredVariables)
  logger.warn(`${name} is set but no longer used; remove it (README)`)
const monitor = createPerformanceMonitor(config, { logger, version })
await monitor.start()
const http = await serveHttp(monitor.createServer(), { port: config.port, logger })
logger.info('performance-monitor started', {
  port: config.port,
  redis: `${config.redis.host}:${config.redis.port}`,
})

handleShutdown([http.closeStep, { name: 'monitor', run: () => monitor.stop() }], logger)
