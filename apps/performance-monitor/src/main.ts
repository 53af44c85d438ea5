import { createLogger } from '@squeezeflow/core/logger'
import { createRedisConnection } from '@squeezeflow/core/redis'
import { handleShutdown, loadConfigOrExit } from '@squeezeflow/core/runtime'
import { createApp } from './app.js'
import { loadConfig } from './config.js'

const config = loadConfigOrExit(() => loadConfig(process.env), 'performance-monitor')
const logger = createLogger({ service: 'performance-monitor', level: config.logLevel })
const redis = createRedisConnection({ ...config.redis, name: 'performance-monitor', logger })
const app = createApp({ redis, startedAt: new Date() })
const server = app.listen(config.port, () => {
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
    { name: 'redis', run: () => redis.close() },
  ],
  logger,
)
