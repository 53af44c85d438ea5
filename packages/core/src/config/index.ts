export { ConfigError } from './ConfigError.js'
export { COMMON_ENV, INFLUX_ENV, type RedisSettings, redisSettingsFrom } from './commonEnv.js'
export {
  boolField,
  type EnvField,
  type EnvSpec,
  type EnvValues,
  enumField,
  intField,
  listField,
  numberField,
  optionalField,
  parseEnv,
  stringField,
  urlField,
} from './envField.js'
