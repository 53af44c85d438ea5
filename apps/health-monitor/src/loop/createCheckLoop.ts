import { type Clock, type HealthCheck, systemClock } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'
import { createRepeatingTask } from '@squeezeflow/service-kit/scheduling'
import type { AlertCondition, CheckFn, CheckOptions, CycleListener, CycleReport } from '../types.js'
import { createResultStore } from './createResultStore.js'
import { type RegisteredCheck, runCheck } from './runCheck.js'

export interface CheckLoopOptions {
  /** Seconds between the starts of two cycles. */
  intervalSeconds: number
  /** Timeout of a check that does not set its own, in seconds. */
  defaultTimeoutSeconds: number
  /** A check slower than this (ms) is at best degraded. */
  slowCheckMs: number
  /** Results kept per service. Default 100. */
  historySize?: number
  clock?: Clock
  logger: Logger
}

const CHECK_NAME = /^[a-z][a-z0-9_]{0,63}$/

/**
 * Runs every registered check concurrently once per interval, as a service-kit repeating task. A check's
 * timeout or error becomes its result; nothing a check does delays the others or stops the loop. Listeners
 * hear about each completed cycle.
 */
export function createCheckLoop({
  intervalSeconds,
  defaultTimeoutSeconds,
  slowCheckMs,
  historySize = 100,
  clock = systemClock,
  logger,
}: CheckLoopOptions) {
  const log = logger.child({ module: 'checkLoop' })
  const checks = new Map<string, RegisteredCheck>()
  const store = createResultStore(historySize)
  const conditions = new Map<string, AlertCondition[]>()
  const listeners: CycleListener[] = []
  let cycle = 0
  let lastReport: CycleReport | undefined

  function placeholder(name: string): HealthCheck {
    return {
      name,
      status: 'unknown',
      response_time_ms: 0,
      message: 'not checked yet',
      details: {},
      timestamp: new Date(clock()).toISOString(),
    }
  }

  function results(): Map<string, HealthCheck> {
    return new Map([...checks.keys()].map((name) => [name, store.latest(name) ?? placeholder(name)]))
  }

  async function notify(report: CycleReport): Promise<void> {
    for (const listener of listeners) {
      try {
        await listener(report)
      } catch (err) {
        log.error('cycle listener failed', { err })
      }
    }
  }

  async function cycleOnce(): Promise<CycleReport> {
    const startedAt = clock()
    const registered = [...checks.values()]
    const runs = await Promise.all(registered.map((check) => runCheck(check, clock, slowCheckMs)))
    for (const { result, conditions: found } of runs) {
      store.record(result)
      conditions.set(result.name, found)
      if (result.status !== 'healthy')
        log.debug('check not healthy', { check: result.name, status: result.status, message: result.message })
    }
    cycle += 1
    const report: CycleReport = {
      cycle,
      results: results(),
      conditions: new Map(conditions),
      criticalServices: new Set(registered.filter((c) => c.critical).map((c) => c.name)),
      startedAt,
      completedAt: clock(),
    }
    lastReport = report
    await notify(report)
    return report
  }

  const task = createRepeatingTask({
    name: 'check_loop',
    intervalMs: intervalSeconds * 1000,
    run: cycleOnce,
    logger: log,
    // A cycle in flight may take the check timeout on top of the intervals before it counts as stalled.
    graceMs: defaultTimeoutSeconds * 1000,
    clock,
  })

  /** Runs one cycle now; concurrent callers share the cycle in progress. */
  async function runCycle(): Promise<CycleReport> {
    await task.runNow()
    // cycleOnce cannot fail (checks and listeners have their own catch), so this is the cycle just run.
    if (lastReport === undefined) throw new Error('check cycle failed')
    return lastReport
  }

  return {
    registerCheck(
      name: string,
      fn: CheckFn,
      { critical = true, timeoutSeconds = defaultTimeoutSeconds }: CheckOptions = {},
    ): void {
      if (!CHECK_NAME.test(name)) throw new TypeError(`check name "${name}" must match ${CHECK_NAME}`)
      if (checks.has(name)) throw new Error(`check "${name}" is already registered`)
      if (typeof fn !== 'function') throw new TypeError(`check "${name}" needs a function`)
      if (!(timeoutSeconds > 0)) throw new RangeError(`check "${name}": timeoutSeconds must be > 0`)
      checks.set(name, { name, fn, critical, timeoutMs: Math.round(timeoutSeconds * 1000) })
    },
    onCycle(listener: CycleListener): void {
      listeners.push(listener)
    },
    runCycle,
    /** The schedule: the first cycle at once, then one per interval (a longer cycle delays the next). */
    task,
    start: task.start,
    /** Stops scheduling and waits for a cycle in progress. */
    stop: task.stop,
    has: (name: string) => checks.has(name),
    names: () => [...checks.keys()],
    isCritical: (name: string) => checks.get(name)?.critical ?? false,
    results,
    history: (name: string) => store.history(name),
    lastReport: () => lastReport,
    intervalSeconds,
  }
}

export type CheckLoop = ReturnType<typeof createCheckLoop>
