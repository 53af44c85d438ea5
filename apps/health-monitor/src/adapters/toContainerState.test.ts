import type Docker from 'dockerode'
import { describe, expect, it } from 'vitest'
import { pickContainer, toContainerState } from './toContainerState.js'

const listed = (Id: string, State: string, Created: number) =>
  ({ Id, State, Created }) as Docker.ContainerInfo

describe('pickContainer', () => {
  it('prefers the running container, then the newest', () => {
    expect(
      pickContainer([listed('old', 'exited', 1), listed('run', 'running', 0), listed('new', 'exited', 2)])
        ?.Id,
    ).toBe('run')
    expect(pickContainer([listed('old', 'exited', 1), listed('new', 'exited', 2)])?.Id).toBe('new')
    expect(pickContainer([])).toBeUndefined()
  })
})

describe('toContainerState', () => {
  it('maps docker inspect to the seam, leaving out a start time that never was', () => {
    const info = {
      Id: 'abc',
      Name: '/aggr-server-1',
      RestartCount: 2,
      State: {
        Running: false,
        Status: 'created',
        StartedAt: '0001-01-01T00:00:00Z',
        Health: { Status: 'starting' },
      },
    } as unknown as Docker.ContainerInspectInfo
    expect(toContainerState(info)).toEqual({
      container_id: 'abc',
      name: 'aggr-server-1',
      running: false,
      status: 'created',
      health: 'starting',
      restart_count: 2,
    })
  })
})
