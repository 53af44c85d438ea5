import type { HealthCheck, HealthStatus } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { overallStatus } from './overallStatus.js'

const result = (name: string, status: HealthStatus): HealthCheck => ({
  name,
  status,
  response_time_ms: 1,
  message: '',
  details: {},
  timestamp: '',
})

describe('overallStatus', () => {
  it('is the worst status of the critical services', () => {
    expect(overallStatus([result('a', 'healthy'), result('b', 'unhealthy')], new Set(['a', 'b']))).toBe(
      'unhealthy',
    )
  })

  it('lets a non-critical service only degrade the whole', () => {
    expect(overallStatus([result('a', 'healthy'), result('b', 'critical')], new Set(['a']))).toBe('degraded')
  })
})
