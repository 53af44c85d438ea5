import { type Clock, errorMessage, type HealthStatus, worstStatus } from '@squeezeflow/core'
import type { DataFlowConfig } from '../config.js'
import type { AlertCondition, CheckFn, ContainerStateProvider } from '../types.js'
import { assessDataFlow, type DataFlowSample } from './assessDataFlow.js'
import { containerView } from './containerView.js'

/** The result of one HTTP request to aggr-server. Never an exception: failures are `ok: false`. */
export interface HttpProbeResult {
  ok: boolean
  status_code: number | null
  response_time_ms: number
  error?: string
}

export interface AggrServerCheckDeps {
  probe: () => Promise<HttpProbeResult>
  /** Rejects when InfluxDB cannot answer. */
  dataFlow: () => Promise<DataFlowSample>
  containers?: ContainerStateProvider
  config: DataFlowConfig
  clock: Clock
  service?: string
}

type FlowPart = {
  status: HealthStatus
  message: string
  details: Record<string, unknown>
  condition?: AlertCondition
}

async function flowPart(deps: AggrServerCheckDeps): Promise<FlowPart> {
  try {
    return assessDataFlow(await deps.dataFlow(), deps.config, deps.clock())
  } catch (err) {
    // InfluxDB is the cause, not aggr-server: say so and do not guess (recovery reads `dependency_down`).
    const message = `data flow unknown: influxdb query failed: ${errorMessage(err)}`
    return { status: 'unknown', message, details: { data_flow_healthy: null, dependency_down: 'influxdb' } }
  }
}

/** HTTP probe plus data flow from InfluxDB plus, when the Docker seam is wired, the container state. */
export function createAggrServerCheck(deps: AggrServerCheckDeps): CheckFn {
  const service = deps.service ?? 'aggr_server'
  return async () => {
    const [http, flow, container] = await Promise.all([
      deps.probe(),
      flowPart(deps),
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
