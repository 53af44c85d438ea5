import type { Clock } from '@squeezeflow/core'
import type { ContainerLookup } from './createContainerFigures.js'

/**
 * The container state provider with each service's answer shared for `withinMs`: in one cycle the check's
 * `container_running`, its container figures and the InfluxDB no-writes rule all ask about aggr-server,
 * and one Docker lookup answers all three (a lookup in flight is joined, not repeated).
 */
export function shareContainerState(
  provider: ContainerLookup,
  withinMs: number,
  clock: Clock,
): ContainerLookup {
  const answers = new Map<string, { atMs: number; state: ReturnType<ContainerLookup['containerState']> }>()
  const shared: ContainerLookup = {
    containerState(service) {
      const known = answers.get(service)
      if (known && clock() - known.atMs < withinMs) return known.state
      const state = provider.containerState(service)
      answers.set(service, { atMs: clock(), state })
      return state
    },
  }
  if (provider.availability) shared.availability = () => provider.availability?.() ?? { available: true }
  return shared
}
