export { loadRecoveryConfig } from './config.js'
export { createRecovery, type Recovery, type RecoveryDeps } from './createRecovery.js'
export { createInfluxDataResumed, type InfluxDataResumedOptions } from './influxDataResumed.js'
export { RESTARTS_METRIC, type RecoveryMetrics, registerRecoveryMetrics } from './recoveryMetrics.js'
export {
  isRecoverableService,
  RECOVERABLE_SERVICES,
  type RecoverableService,
  type RecoveryConfig,
  type RestartRecord,
} from './types.js'
export { type RecoveryWiring, wireRecovery } from './wireRecovery.js'
