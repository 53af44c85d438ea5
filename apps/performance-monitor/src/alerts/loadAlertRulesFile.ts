import { readFileSync } from 'node:fs'
import { ConfigError, errorMessage } from '@squeezeflow/core'
import { toMetricRule } from './toMetricRule.js'
import type { PerformanceAlertRule } from './types.js'

const ACCEPTS = 'a readable JSON file holding an array of performance alert definitions'

/** Reads PERFORMANCE_ALERTS_FILE at start-up; anything wrong with it is a ConfigError naming the file and entry. */
export function loadAlertRulesFile(path: string): PerformanceAlertRule[] {
  const fail = (reason: string): never => {
    throw new ConfigError('PERFORMANCE_ALERTS_FILE', ACCEPTS, `${path} (${reason})`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    return fail(errorMessage(error))
  }
  if (!Array.isArray(parsed)) return fail('not a JSON array')
  return parsed.map((entry, index) => {
    try {
      return toMetricRule(entry)
    } catch (error) {
      return fail(`entry ${index}: ${errorMessage(error)}`)
    }
  })
}
