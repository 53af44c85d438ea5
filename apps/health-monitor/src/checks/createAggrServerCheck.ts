import { type Clock, errorMessage, type HealthStatus, worstStatus } from '@squeezeflow/core'
import type { DataFlowConfig } from '../config.js'
import type { AlertCondition, CheckFn, ContainerStateProvider } from '../types.js'
import type { InfluxQueryFailure } from '../watch/classifyInfluxQueryError.js'
import { assessDataFlow, type DataFlowSample } from './assessDataFlow.js'
import { containerView } from './containerView.js'

/** The result of one HTTP request to aggr-server. Never an exception: failures are `ok: false`. */
export interface HttpProbeResult {
  ok: boolean
  status_code: number | null
  response_time_ms: number
  error?: string
  /** What kind of connection failure it was (watch/describeConnectionFailure.ts). */
  failure?: string
}

export interface AggrServerCheckDeps {
  probe: () => Promise<HttpProbeResult>
  /** Rejects when InfluxDB cannot answer. */
  dataFlow: () => Promise<DataFlowSample>
  containers?: ContainerStateProvider
  config: DataFlowConfig
  clock: Clock
  service?: string
  /**
   * Why the data-flow query failed: InfluxDB unreachable, a database / retention policy / measurement that
   * does not exist yet, or another query error. Without it every failure counts as InfluxDB being down.
   */
  classifyFailure?: (err: unknown) => Promise<InfluxQueryFailure>
}

type FlowPart = {
  status: HealthStatus
  message: string
  details: Record<string, unknown>
  condition?: AlertCondition
}

const round2 = (n: number) => Math.round(n * 100) / 100

/**
 * Nothing to read yet is aggr-server's own trouble (it never wrote, or its target is misconfigured), not
 * InfluxDB's: no `dependency_down`, so recovery is not held back; critical once the critical gap has passed
 * since the monitor started.
 */
function noDataYet(
  failure: Extract<InfluxQueryFailure, { kind: 'no_data_yet' }>,
  config: DataFlowConfig,
  minutesSinceStart: number,
): FlowPart {
  const critical = minutesSinceStart > config.gapCriticalMinutes
  return {
    status: critical ? 'critical' : 'unhealthy',
    message: failure.message,
    details: {
      data_flow_healthy: false,
      no_data_yet: failure.missing,
      minutes_since_monitor_start: round2(minutesSinceStart),
    },
    condition: {
      rule: 'data_gap',
      severity: critical ? 'critical' : 'warning',
      message: `aggr-server: ${failure.message}`,
      value: round2(minutesSinceStart),
      threshold: config.gapCriticalMinutes,
    },
  }
}

async function flowPart(deps: AggrServerCheckDeps, startedMs: number): Promise<FlowPart> {
  try {
    return assessDataFlow(await deps.dataFlow(), deps.config, deps.clock())
  } catch (err) {
    const failure = deps.classifyFailure
      ? await deps.classifyFailure(err)
      : ({ kind: 'unreachable', message: `influxdb query failed: ${errorMessage(err)}` } as const)
    if (failure.kind === 'no_data_yet') {
      return noDataYet(failure, deps.config, (deps.clock() - startedMs) / 60_000)
    }
    if (failure.kind === 'query_error') {
      const message = `data flow unknown: influxdb query failed: ${failure.message}`
      return {
        status: 'unknown',
        message,
        details: { data_flow_healthy: null, influx_query_error: failure.message },
      }
    }
    // InfluxDB is the cause, not aggr-server: say so and do not guess (recovery reads `dependency_down`).
    const message = `data flow unknown: ${failure.message}`
    return { status: 'unknown', message, details: { data_flow_healthy: null, dependency_down: 'influxdb' } }
  }
}

/** HTTP probe plus data flow from InfluxDB plus, when the Docker seam is wired, the container state. */
export function createAggrServerCheck(deps: AggrServerCheckDeps): CheckFn {
  const service = deps.service ?? 'aggr_server'
  // "No data yet" turns critical after the critical gap counted from the first check.
  let startedMs: number | undefined
  return async () => {
    startedMs ??= deps.clock()
    const [http, flow, container] = await Promise.all([
      deps.probe(),
      flowPart(deps, startedMs),
      containerView(deps.containers, service),
    ])
    const httpStatus: HealthStatus = http.ok ? 'healthy' : 'degraded'
    const conditions: AlertCondition[] = []
    if (flow.condition) conditions.push(flow.condition)
    if (container.condition) conditions.push(container.condition)
    const messages = [flow.message]
    if (!http.ok) {
      const reason = http.error ?? `HTTP ${http.status_code}`
      messages.push(`HTTP probe failed: ${reason}`)
      conditions.push({
        rule: 'http_probe_failed',
        severity: 'warning',
        message: `aggr-server HTTP probe failed: ${reason}`,
      })
    }
    if (container.condition) messages.unshift(container.condition.message)
    return {
      status: worstStatus([flow.status, httpStatus, container.status]),
      message: messages.join('; '),
      details: {
        container_running: container.container_running,
        ...flow.details,
        http_probe: http,
        ...(container.container ? { container: container.container } : {}),
      },
      conditions,
    }
  }
}
