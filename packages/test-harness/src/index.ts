export {
  renderShippedConfig,
  SHIPPED_ALERTMANAGER_CONFIG,
  webhookOnlyConfig,
  writeSecrets,
} from './alertmanagerConfigs.js'
export { HarnessStartError, HarnessTimeoutError } from './errors.js'
export { getFreePort } from './getFreePort.js'
export { BUSYBOX_IMAGE_TAG } from './importBusyboxImage.js'
export {
  type Browser,
  type ConsoleMessage,
  type LaunchChromiumOptions,
  launchChromium,
  type Page,
} from './launchChromium.js'
export {
  LOCAL_RUN_SETTINGS_FILE,
  type LocalRunSettings,
  readLocalRunSettings,
} from './localRunSettings.js'
export { type StartAlertmanagerOptions, startAlertmanager } from './startAlertmanager.js'
export { type StartDockerdOptions, startDockerd } from './startDockerd.js'
export { type StartInfluxOptions, startInflux } from './startInflux.js'
export { type StartRedisOptions, startRedis } from './startRedis.js'
export { startWebhookReceiver, type WebhookNotification } from './startWebhookReceiver.js'
export type {
  DockerDaemon,
  HarnessServer,
  InfluxQueryResponse,
  InfluxServer,
  InfluxStatementResult,
  RedisServer,
} from './types.js'
export { type WaitForOptions, waitFor } from './waitFor.js'
