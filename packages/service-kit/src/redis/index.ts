export {
  createRedisConnection,
  type RedisClient,
  type RedisConnection,
  type RedisConnectionOptions,
  type RedisConnectionState,
} from './createRedisConnection.js'
