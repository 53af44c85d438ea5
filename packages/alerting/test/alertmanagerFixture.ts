import { systemClock } from '@squeezeflow/core'
import type { RedisServer } from '@squeezeflow/test-harness'
import type { AlertmanagerSettings } from '../src/index.js'
import { createReplica } from './redisFixture.js'

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
