import { type Alert, type CollectorStatus, errorMessage, type MetricPoint } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'
import type { MetricStore } from '../aggregation/createMetricStore.js'
import type { AlertEvaluator } from '../alerts/createAlertEvaluator.js'
import { freshLatestValues } from '../alerts/freshLatestValues.js'
import type { Collector } from '../collectors/types.js'

export interface CollectionCycleOptions {
  collectors: readonly Collector[]
  store: MetricStore
  evaluator: AlertEvaluator
  /** `service` of the points this process collects. */
  serviceName: string
  clock: () => number
  /** A metric with no point for this long no longer feeds the alert rules (METRIC_STALE_SECONDS). */
  staleAfterMs: number
  /** While false, lists are not written. */
  redisReady(): boolean
  /** Appends the collected points to their Redis lists (one round trip). */
  writeLists(points: readonly MetricPoint[]): Promise<void>
  /** Reads the runtime alert rules and applies them before the rules are evaluated; may reject. */
  syncRules(): Promise<void>
  /** Hands the transitions to the shared announcement (`@squeezeflow/alerting`); must not throw. */
  announce(alerts: readonly Alert[]): void
  /** Says which conditions hold now (pending or firing), so they are not resolved as stale. */
  markActive(fingerprints: readonly string[]): void
  logger: Logger
}

export interface CollectionCycle {
  run(): Promise<void>
  collectors(): Record<string, CollectorStatus>
  /** ms since epoch of the last completed cycle. */
  lastCycleAt(): number | undefined
}

/**
 * One cycle every COLLECTION_INTERVAL_SECONDS: run the collectors (a failing one is reported, the rest go on),
 * store and list their points, pick up the runtime alert rules, evaluate the rules on every fresh metric's latest
 * value and announce the transitions.
 */
export function createCollectionCycle(options: CollectionCycleOptions): CollectionCycle {
  const { collectors, store, evaluator, serviceName, clock } = options
  const log = options.logger.child({ module: 'collection' })
  const status: Record<string, CollectorStatus> = {}
  for (const c of collectors) status[c.name] = { ok: false, last_error: null, last_success: null }
  let lastCycleAt: number | undefined

  const collect = async (): Promise<MetricPoint[]> => {
    const results = await Promise.allSettled(collectors.map((c) => c.collect()))
    const timestamp = clock()
    const points: MetricPoint[] = []
    results.forEach((result, i) => {
      const name = (collectors[i] as Collector).name
      if (result.status === 'rejected') {
        const message = errorMessage(result.reason)
        if (status[name]?.last_error !== message)
          log.warn('collector failed', { collector: name, err: result.reason })
        status[name] = { ok: false, last_error: message, last_success: status[name]?.last_success ?? null }
        return
      }
      status[name] = { ok: true, last_error: null, last_success: new Date(timestamp).toISOString() }
      for (const s of result.value) {
        points.push({
          metric_name: s.metric_name,
          value: s.value,
          unit: s.unit,
          service: s.service ?? serviceName,
          tags: {},
          timestamp,
        })
      }
    })
    return points
  }

  return {
    async run() {
      // Rules that cannot be read this time stay as they were; the failure is the run's, logged by its task.
      let rulesError: unknown
      const [points] = await Promise.all([
        collect(),
        options.syncRules().catch((err: unknown) => {
          rulesError = err
        }),
      ])
      for (const point of points) store.record(point)
      options.announce(evaluator.evaluate(freshLatestValues(store, clock(), options.staleAfterMs)))
      options.markActive([...evaluator.firing(), ...evaluator.pending()].map((a) => a.fingerprint))
      lastCycleAt = clock()
      if (options.redisReady()) {
        await options.writeLists(points).catch((err: unknown) => {
          log.debug('metric lists not written', { err })
        })
      }
      if (rulesError !== undefined) throw new Error(`alert rules not read: ${errorMessage(rulesError)}`)
    },
    collectors: () => structuredClone(status),
    lastCycleAt: () => lastCycleAt,
  }
}
