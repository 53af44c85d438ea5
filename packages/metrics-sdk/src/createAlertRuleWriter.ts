import { type Clock, type StoredAlertRule, validateStoredAlertRule, withTimeout } from '@squeezeflow/core'
import type { IngestClient } from './types.js'

/** A rule as a caller writes it: core's PerformanceAlert fields, the rest optional (defaults in the contract). */
export type PerformanceAlertInput = Omit<
  StoredAlertRule,
  'name' | 'match' | 'scope' | 'enabled' | 'updated_at'
> &
  Partial<Pick<StoredAlertRule, 'name' | 'match' | 'scope' | 'enabled'>>

export interface AlertRuleWriter {
  add(rule: PerformanceAlertInput): Promise<StoredAlertRule>
  remove(name: string): Promise<boolean>
}

/**
 * Writes rules to the `<prefix>:alert_rules` hash (field = rule name, value = JSON) that the monitors load.
 * Unlike recording, these are configuration calls: they validate with core's rules and wait for Redis.
 */
export function createAlertRuleWriter(
  client: IngestClient,
  options: {
    key: string
    service: string
    clock: Clock
    timeoutMs: number
    /** Resolves once a first connection attempt settled, so a call right after start-up does not fail. */
    settled: (timeoutMs: number) => Promise<void>
  },
): AlertRuleWriter {
  const { key, service, clock, timeoutMs } = options
  const send = async (args: string[]) => {
    await options.settled(timeoutMs)
    return withTimeout(client.sendCommand(args), timeoutMs, 'redis round trip')
  }
  return {
    async add(input) {
      const rule = validateStoredAlertRule({
        added_by: service,
        ...input,
        updated_at: new Date(clock()).toISOString(),
      })
      await send(['HSET', key, rule.name, JSON.stringify(rule)])
      return rule
    },
    async remove(name) {
      return Number(await send(['HDEL', key, String(name)])) === 1
    },
  }
}
