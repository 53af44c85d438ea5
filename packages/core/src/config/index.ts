export { ConfigError } from './ConfigError.js'
export {
  boolField,
  enumField,
  intField,
  listField,
  numberField,
  optionalField,
  parseEnv,
  stringField,
  urlField,
  type EnvField,
  type EnvSpec,
  type EnvValues,
} from './envField.js'
export { COMMON_ENV, INFLUX_ENV } from './commonEnv.js'
