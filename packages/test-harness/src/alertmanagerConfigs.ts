import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** A minimal Alertmanager config: everything to the webhook, grouped as the shipped file groups. */
export const webhookOnlyConfig = (webhookUrl: string) => `
route:
  receiver: webhook
  group_by: [alertname, service]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: webhook
    webhook_configs:
      - url: ${webhookUrl}
        send_resolved: true
`

/** The shipped Alertmanager config (README "Alert delivery"). */
export const SHIPPED_ALERTMANAGER_CONFIG = fileURLToPath(
  new URL('../../../deploy/alertmanager/alertmanager.yml', import.meta.url),
)
const REPLACED = {
  webhook: 'http://alert-webhook:9095/alertmanager',
  secrets: '/etc/alertmanager/secrets/',
  groupWait: 'group_wait: 30s',
}

/**
 * The shipped file with its webhook pointed at the test's receiver, its secrets read from `secretsDir` and a
 * 1 s group_wait, so the first notification comes within the test; routes, grouping and inhibitions stay as
 * shipped.
 */
export function renderShippedConfig(webhookUrl: string, secretsDir: string): string {
  const shipped = readFileSync(SHIPPED_ALERTMANAGER_CONFIG, 'utf8')
  for (const text of Object.values(REPLACED)) {
    if (!shipped.includes(text))
      throw new Error(`${SHIPPED_ALERTMANAGER_CONFIG} no longer has "${text}", which this test replaces`)
  }
  return shipped
    .replace(REPLACED.webhook, webhookUrl)
    .replaceAll(REPLACED.secrets, `${secretsDir}/`)
    .replace(REPLACED.groupWait, 'group_wait: 1s')
}

/** The secret files the shipped receivers read; Slack's points at a closed port, so its sends fail at once. */
export function writeSecrets(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sqf-am-secrets-'))
  writeFileSync(join(dir, 'webhook_token'), 'test-token')
  writeFileSync(join(dir, 'slack_webhook_url'), 'http://127.0.0.1:9/slack')
  writeFileSync(join(dir, 'smtp_password'), 'unused')
  return dir
}
