import type { HealthCheck } from '@squeezeflow/core'
import type { ContainerTarget } from '../adapters/createDockerContainers.js'
import type { ContainerState } from '../types.js'
import type { RecoverableService } from './types.js'

/**
 * Cause before symptom: when one of these is itself unhealthy, the service's trouble is a symptom and a
 * restart would not help (aggr-server cannot write to a dead InfluxDB; the strategy runner publishes
 * through Redis and reads market data from InfluxDB).
 */
export const DEPENDENCIES: Record<RecoverableService, readonly string[]> = {
  aggr_server: ['influxdb', 'redis'],
  strategy_runner: ['redis', 'influxdb'],
}

const DOWN_STATUSES = new Set(['unhealthy', 'critical'])
/** States of a container that died; `created` or `paused` are someone's deliberate choice. */
const STOPPED_STATUSES = new Set(['exited', 'dead'])

/**
 * The first dependency that is down, as `influxdb is critical`; undefined when none is. A check that could
 * not judge the service because a dependency failed says so in `details.dependency_down`.
 */
export function heldBackBy(
  service: RecoverableService,
  results: ReadonlyMap<string, HealthCheck>,
): string | undefined {
  // InfluxDB answered that the database aggr-server writes to does not exist yet: its critical then is
  // aggr-server's own trouble ("no data yet"), not a cause to wait for.
  const answered = results.get(service)?.details.no_data_yet !== undefined
  for (const dependency of DEPENDENCIES[service]) {
    if (answered && dependency === 'influxdb') continue
    const status = results.get(dependency)?.status
    if (status !== undefined && DOWN_STATUSES.has(status)) return `${dependency} is ${status}`
  }
  const named = results.get(service)?.details.dependency_down
  return typeof named === 'string' ? `${named} is unreachable from the ${service} check` : undefined
}

/** The service's own check reports trouble or cannot tell (so a down dependency is worth showing). */
export function isTroubled(result: HealthCheck | undefined): boolean {
  return result !== undefined && result.status !== 'healthy'
}

const isStopped = (container: ContainerState | undefined): container is ContainerState =>
  container !== undefined && !container.running && STOPPED_STATUSES.has(container.status)

function isNotGeneratingSignals(result: HealthCheck): boolean {
  return result.details.generating_signals === false || /not generating signals/i.test(result.message)
}

/** Why the service needs a restart right now, or undefined when it does not. */
export function restartTrigger(
  service: RecoverableService,
  result: HealthCheck | undefined,
  container: ContainerState | undefined,
): string | undefined {
  if (isStopped(container)) return `container ${container.name} is ${container.status}`
  if (result === undefined) return undefined
  if (service === 'aggr_server') {
    if (result.status !== 'critical' || result.details.data_flow_healthy !== false) return undefined
    const gap = result.details.data_gap_minutes
    const since = typeof gap === 'number' ? `for ${gap.toFixed(1)} min` : 'for too long'
    return `no data written to InfluxDB ${since} (aggr_server critical)`
  }
  if (DOWN_STATUSES.has(result.status)) return `strategy_runner is ${result.status}: ${result.message}`
  if (result.status === 'degraded' && isNotGeneratingSignals(result))
    return `not generating signals: ${result.message}`
  return undefined
}

/**
 * When the evidence behind `restartTrigger` was taken, ms: a stopped container when Docker was asked
 * (`containerAskedAt`); a check from when it started, since what it read may predate its completion. A
 * result without a readable timestamp counts as old, so it never outweighs a settled restart.
 */
export function evidenceTime(
  result: HealthCheck | undefined,
  container: ContainerState | undefined,
  containerAskedAt: number,
): number {
  if (isStopped(container)) return containerAskedAt
  const completed = Date.parse(result?.timestamp ?? '')
  if (!Number.isFinite(completed)) return Number.NEGATIVE_INFINITY
  return completed - (result?.response_time_ms ?? 0)
}

/** Why no restart can be asked of Docker: nothing matches the service's container name or labels. */
export function missingContainer(service: RecoverableService, target: ContainerTarget): string {
  const { containerName, composeService, composeProject } = target
  const project = composeProject === undefined ? '' : `, project ${composeProject}`
  return `no container found for ${service} (${containerName ?? `com.docker.compose.service=${composeService}${project}`})`
}
