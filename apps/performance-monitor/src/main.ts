import { createRequire } from 'node:module'
import { createLogger } from '@squeezeflow/service-kit/logger'
import { handleShutdown, loadConfigOrExit } from '@squeezeflow/service-kit/runtime'
import { loadConfig } from './config.js'
import { createPerformanceMonitor } from './createPerformanceMonitor.js'

const { version } = createRequire(import.meta.url)('../package.json') as { version: string }
const config = loadConfigOrExit(() => loadConfig(process.env), 'performance-monitor')
const logger = createLogger({ service: 'performance-monitor', level: config.logLevel })
const monitor = createPerformanceMonitor(config, { logger, version })
await monitor.start()
const server = monitor.app.listen(config.port, () => {
  logger.info('performance-monitor started', {
    port: config.port,
    redis: `${config.redis.host}:${config.redis.port}`,
  })
})
server.on('error', (err) => {
  logger.error('http server failed', { err })
  process.exit(1)
})

handleShutdown(
  [
    { name: 'http', run: () => new Promise<void>((resolve) => server.close(() => resolve())) },
    { name: 'monitor', run: () => monitor.stop() },
  ],
  logger,
)
