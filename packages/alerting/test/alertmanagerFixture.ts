import { systemClock } from '@squeezeflow/core'
import type { RedisServer } from '@squeezeflow/test-harness'
import type { AlertmanagerSettings } from '../src/index.js'
import { createReplica } from './redisFixture.js'

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

/** Short intervals, so retries and resends happen within a test. */
export const testSettings = (urls: string[]): AlertmanagerSettings => ({
  urls,
  resendSeconds: 1,
  resolvedResendSeconds: 60,
  timeoutSeconds: 2,
  stack: 'test-stack',
  generatorUrl: 'http://monitor.test:8090',
})

/** A replica on the real clock: Alertmanager compares startsAt/endsAt with its own. */
export const createDeliveringReplica = (server: RedisServer, name: string, urls: string[]) =>
  createReplica(server, systemClock, name, { alertmanager: testSettings(urls) })
