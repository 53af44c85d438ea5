import type Docker from 'dockerode'
import type { ContainerState } from '../types.js'

/** Docker reports a container that never started with this zero time. */
const NEVER = '0001-01-01T00:00:00Z'

export function toContainerState(info: Docker.ContainerInspectInfo): ContainerState {
  const state: ContainerState = {
    container_id: info.Id,
    name: info.Name.replace(/^\//, ''),
    running: info.State.Running,
    status: info.State.Status,
    restart_count: info.RestartCount,
  }
  if (info.State.Health?.Status) state.health = info.State.Health.Status
  if (info.State.StartedAt && info.State.StartedAt !== NEVER) state.started_at = info.State.StartedAt
  return state
}

/**
 * Of several containers with the same compose labels (a scaled service, or a stale one left from an old
 * project), the running one, else the newest.
 */
export function pickContainer(candidates: readonly Docker.ContainerInfo[]): Docker.ContainerInfo | undefined {
  return [...candidates].sort((a, b) => {
    const running = Number(b.State === 'running') - Number(a.State === 'running')
    return running !== 0 ? running : b.Created - a.Created
  })[0]
}
