import { type Clock, errorMessage, type HealthStatus, worstStatus } from '@squeezeflow/core'
import type { AlertCondition, CheckFn, CheckOutcome, ContainerStateProvider } from '../types.js'
import { addCounterSample, type CounterSample, signalsPerMinute } from '../watch/signalsPerMinute.js'
import { containerView } from './containerView.js'
import { createSignalProgress, type SignalProgressState } from './createSignalProgress.js'

export interface StrategyRunnerCheckDeps {
  /** The counter's value, null when the key is absent; rejects when Redis cannot answer. */
  readCounter: () => Promise<number | null>
  counterKey: string
  stallSeconds: number
  containers?: ContainerStateProvider
  clock: Clock
  service?: string
}

/** Absent → unhealthy; no advance within the stall window → degraded ("not generating signals"). */
export function signalOutcome(
  progress: SignalProgressState,
  counterKey: string,
  stallSeconds: number,
): CheckOutcome {
  if (progress.state === 'absent') {
    return {
      status: 'unhealthy',
      message: `signal counter ${counterKey} is absent`,
      details: { signals_published: null, counter_key: counterKey },
    }
  }
  const details = {
    signals_published: progress.value,
    counter_key: counterKey,
    last_advance_time: new Date(progress.lastAdvanceMs).toISOString(),
    seconds_since_advance: progress.secondsSinceAdvance,
    stall_window_seconds: stallSeconds,
    generating_signals: progress.state === 'advancing',
  }
  if (progress.state === 'advancing')
    return { status: 'healthy', message: `generating signals (${progress.value} published)`, details }
  const message = `not generating signals: counter unchanged for ${progress.secondsSinceAdvance} s (> ${stallSeconds} s)`
  const condition: AlertCondition = {
    rule: 'signals_stalled',
    severity: 'warning',
    message: `strategy runner ${message}`,
    value: progress.secondsSinceAdvance,
    threshold: stallSeconds,
  }
  return { status: 'degraded', message, details, conditions: [condition] }
}

export function createStrategyRunnerCheck(deps: StrategyRunnerCheckDeps): CheckFn {
  const service = deps.service ?? 'strategy_runner'
  const progress = createSignalProgress(deps.clock, deps.stallSeconds)
  // The counter's readings of the last 5 minutes, for signals per minute.
  let ring: CounterSample[] = []
  return async () => {
    const container = await containerView(deps.containers, service)
    let outcome: CheckOutcome
    try {
      const value = await deps.readCounter()
      ring = addCounterSample(ring, value === null ? null : { atMs: deps.clock(), value })
      outcome = signalOutcome(progress.observe(value), deps.counterKey, deps.stallSeconds)
      outcome = { ...outcome, details: { ...outcome.details, signals_per_minute: signalsPerMinute(ring) } }
    } catch (err) {
      const message = `signal counter unknown: redis read failed: ${errorMessage(err)}`
      outcome = { status: 'unknown', message, details: { signals_published: null, dependency_down: 'redis' } }
    }
    const status: HealthStatus = worstStatus([outcome.status, container.status])
    return {
      status,
      message: container.condition ? `${container.condition.message}; ${outcome.message}` : outcome.message,
      details: {
        container_running: container.container_running,
        ...outcome.details,
        ...(container.container ? { container: container.container } : {}),
      },
      conditions: [...(outcome.conditions ?? []), ...(container.condition ? [container.condition] : [])],
    }
  }
}
