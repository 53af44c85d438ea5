export {
  ALERTMANAGER_ENV,
  type AlertmanagerSettings,
  alertmanagerSettingsFrom,
} from './alertmanager/alertmanagerEnv.js'
export type { AlertmanagerStatus } from './alertmanager/createAlertmanagerSink.js'
export { registerAlertmanagerMetrics } from './alertmanager/registerAlertmanagerMetrics.js'
export { RUNBOOK_ANCHORS } from './alertmanager/runbookAnchors.js'
export { type AlertmanagerAlert, toAlertmanagerAlert } from './alertmanager/toAlertmanagerAlert.js'
export { type Alerting, type AlertingOptions, type AlertingStatus, createAlerting } from './createAlerting.js'
export { type ClaimDecision, decideClaim } from './state/decideClaim.js'
export type { AlertingRedis, AlertingRedisClient, AlertRecord, TransitionKind } from './types.js'
