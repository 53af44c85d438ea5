import { type Alert, type CollectorStatus, errorMessage, type MetricPoint } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'
import type { MetricStore } from '../aggregation/createMetricStore.js'
import type { AlertEvaluator } from '../alerts/createAlertEvaluator.js'
import type { AlertOutbox } from '../alerts/createAlertOutbox.js'
import { freshLatestValues } from '../alerts/freshLatestValues.js'
import type { Collector } from '../collectors/types.js'

export interface CollectionCycleOptions {
  collectors: readonly Collector[]
  store: MetricStore
  evaluator: AlertEvaluator
  outbox: AlertOutbox
  /** `service` of the points this process collects. */
  serviceName: string
  clock: () => number
  /** A metric with no point for this long no longer feeds the alert rules (METRIC_STALE_SECONDS). */
  staleAfterMs: number
  /** While false, lists are not written and alerts wait in the outbox. */
  redisReady(): boolean
  /** Appends the collected points to their Redis lists (one round trip). */
  writeLists(points: readonly MetricPoint[]): Promise<void>
  publishAlert(alert: Alert): Promise<void>
  logger: Logger
}

export interface CollectionCycle {
  run(): Promise<void>
  collectors(): Record<string, CollectorStatus>
  /** ms since epoch of the last completed cycle. */
  lastCycleAt(): number | undefined
  alertsPublished(): number
}

/**
 * One cycle every COLLECTION_INTERVAL_SECONDS: run the collectors (a failing one is reported, the rest go on),
 * store and list their points, evaluate the alert rules on every fresh metric's latest value, publish transitions.
 */
export function createCollectionCycle(options: CollectionCycleOptions): CollectionCycle {
  const { collectors, store, evaluator, outbox, serviceName, clock } = options
  const log = options.logger.child({ module: 'collection' })
  const status: Record<string, CollectorStatus> = {}
  for (const c of collectors) status[c.name] = { ok: false, last_error: null, last_success: null }
  let lastCycleAt: number | undefined
  let published = 0

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
      const points = await collect()
      for (const point of points) store.record(point)
      outbox.enqueue(evaluator.evaluate(freshLatestValues(store, clock(), options.staleAfterMs)))
      lastCycleAt = clock()
      if (!options.redisReady()) return
      const listWrite = options.writeLists(points).catch((err: unknown) => {
        log.debug('metric lists not written', { err })
      })
      const flushed = await outbox.flush(options.publishAlert)
      published += flushed.sent
      await listWrite
      if (flushed.error) throw flushed.error
    },
    collectors: () => structuredClone(status),
    lastCycleAt: () => lastCycleAt,
    alertsPublished: () => published,
  }
}
