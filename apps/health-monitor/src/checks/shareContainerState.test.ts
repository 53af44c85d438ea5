import { createManualClock } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import type { ContainerState } from '../types.js'
import { shareContainerState } from './shareContainerState.js'

const STATE: ContainerState = {
  container_id: 'a',
  name: 'x',
  running: true,
  status: 'running',
  restart_count: 0,
}

describe('shareContainerState', () => {
  it('asks Docker once per service within the window, and again after it', async () => {
    const { clock, advance } = createManualClock()
    const asked: string[] = []
    const shared = shareContainerState(
      {
        containerState: async (service) => {
          asked.push(service)
          return STATE
        },
        availability: () => ({ available: false, reason: 'gone' }),
      },
      1000,
      clock,
    )
    const answers = await Promise.all([
      shared.containerState('aggr_server'),
      shared.containerState('aggr_server'),
      shared.containerState('redis'),
    ])
    expect(answers).toEqual([STATE, STATE, STATE])
    expect(asked).toEqual(['aggr_server', 'redis'])
    advance(1000)
    await shared.containerState('aggr_server')
    expect(asked).toEqual(['aggr_server', 'redis', 'aggr_server'])
    expect(shared.availability?.()).toEqual({ available: false, reason: 'gone' })
  })
})
