import { registerAlertmanagerMetrics } from '@squeezeflow/alerting'
import { createRedisKeys, systemClock, withTimeout } from '@squeezeflow/core'
import { createHostProbe } from '@squeezeflow/service-kit/host'
import { createRedisConnection } from '@squeezeflow/service-kit/redis'
import { runSteps } from '@squeezeflow/service-kit/runtime'
import { createRepeatingTask } from '@squeezeflow/service-kit/scheduling'
import { createInspectorHeapSampler } from './adapters/createInspectorHeapSampler.js'
import { createProcessProbe } from './adapters/createProcessProbe.js'
import { createRedisIngestStream } from './adapters/createRedisIngestStream.js'
import { createRedisPublisher } from './adapters/createRedisPublisher.js'
import { createMetricStore } from './aggregation/createMetricStore.js'
import { createAlertDelivery } from './alerts/createAlertDelivery.js'
import { createAlertEvaluator } from './alerts/createAlertEvaluator.js'
import { createRuleRegistry } from './alerts/createRuleRegistry.js'
import { DEFAULT_ALERT_RULES } from './alerts/defaultAlertRules.js'
import { createCollectors } from './collectors/createCollectors.js'
import type { PerformanceMonitorConfig } from './config.js'
import { createDashboardWriter } from './dashboard/createDashboardWriter.js'
import { createApp } from './http/createApp.js'
import { createIngestWorker } from './ingest/createIngestWorker.js'
import { createCollectionCycle } from './monitor/createCollectionCycle.js'
import type { MonitorState } from './monitor/types.js'
import { createMemoryProfiler } from './profiling/createMemoryProfiler.js'
import { createPromRegistry } from './prometheus/createPromRegistry.js'
import type { PerformanceMonitor, PerformanceMonitorDeps } from './types.js'

const INGEST_GROUP = 'performance-monitor'
const SERVICE = 'performance-monitor'
const INGEST_RETRY_MS = 1000
/**
 * What a timed run may take on top of its 3 intervals before `/livez` calls it stalled: collection samples CPU over
 * a short window and a heap profile takes a moment, which very short intervals must not read as a stall.
 */
const RUN_GRACE_MS = 1000
/** A Redis that accepts connections but does not answer must not hold a collection cycle for long. */
const RULES_READ_TIMEOUT_MS = 2000
/** Transitions kept while Redis is away, oldest dropped first. */
const ALERT_BUFFER_SIZE = 1000
/**
 * An alert-delivery tick waits on Redis with a 5 s timeout per step (mark, sweep, claims, lease): a hung Redis
 * makes a tick slow, which `/livez` must not read as a stall of the process.
 */
const DELIVERY_GRACE_MS = 20_000

/**
 * Wires the whole service from its configuration and opens nothing: Redis connections, the heap profiler and
 * every timer start in `start()`. `main.ts` only adds the process around it.
 */
export function createPerformanceMonitor(
  config: PerformanceMonitorConfig,
  deps: PerformanceMonitorDeps,
): PerformanceMonitor {
  const { logger } = deps
  const clock = deps.clock ?? systemClock
  const keys = createRedisKeys(config.redis.prefix)
  const listOptions = { keys, length: config.metricsList.length, ttlSeconds: config.metricsList.ttlSeconds }
  const connect = (name: string) => createRedisConnection({ ...config.redis, name, logger })
  const store = createMetricStore({
    maxPoints: config.maxDataPoints,
    maxSeries: config.maxSeries,
    clock,
  })
  const evaluator = createAlertEvaluator({
    clock,
    repeatIntervalSeconds: config.alertRepeatIntervalSeconds,
    rules: [],
  })
  const rules = createRuleRegistry({ evaluator, limit: config.maxCustomAlertRules, logger })
  for (const rule of DEFAULT_ALERT_RULES) rules.add(rule, 'default')
  for (const rule of config.alertRules) rules.add(rule, 'file')
  for (const rule of deps.alertRules ?? []) rules.add(rule, 'code')
  const delivery = createAlertDelivery({
    keys,
    clock,
    logger,
    repeatSeconds: config.alertRepeatIntervalSeconds,
    collectionIntervalSeconds: config.collectionIntervalSeconds,
    alertmanager: config.alertmanager,
    bufferSize: ALERT_BUFFER_SIZE,
  })
  const processProbe = deps.processProbe ?? createProcessProbe()
  const profiler = config.memoryTracking
    ? createMemoryProfiler({
        sampler: deps.heapSampler ?? createInspectorHeapSampler(),
        samplingIntervalBytes: config.memoryProfile.samplingIntervalBytes,
        clock,
        logger,
      })
    : undefined
  const publisher = createRedisPublisher(() => connect(SERVICE), listOptions)
  let refused = 0
  const ingest = createIngestWorker({
    openStream: () =>
      createRedisIngestStream({
        ...listOptions,
        connection: connect(`${SERVICE}-ingest`),
        group: INGEST_GROUP,
        consumer: config.ingest.consumer,
        count: config.ingest.batchCount,
        blockMs: config.ingest.blockMs,
      }),
    onBatch(batch) {
      for (const { name, series, timestamps, values } of batch.metrics) {
        if (!store.recordBatch(name, series.unit, series.service, timestamps, values, values.length))
          refused += values.length
      }
    },
    blockMs: config.ingest.blockMs,
    retryDelayMs: INGEST_RETRY_MS,
    backlogMaxBytes: config.ingest.backlogMaxBytes,
    logger,
    clock,
  })
  const cycle = createCollectionCycle({
    collectors: createCollectors({
      ...config,
      hostProbe: deps.hostProbe ?? createHostProbe(),
      processProbe,
      clock,
    }),
    store,
    evaluator,
    serviceName: SERVICE,
    clock,
    staleAfterMs: config.metricStaleSeconds * 1000,
    redisReady: publisher.isReady,
    writeLists: publisher.writeLists,
    async syncRules() {
      if (!publisher.isReady()) return
      rules.sync(await withTimeout(publisher.readAlertRules(), RULES_READ_TIMEOUT_MS, 'alert rules read'))
    },
    announce: delivery.announce,
    markActive: delivery.markActive,
    logger,
  })

  const state: MonitorState = {
    store,
    evaluator,
    rules,
    delivery,
    cycle,
    // Not a spread anywhere: `ingest` is a getter that must be read when used.
    get ingest() {
      return ingest.stats
    },
    profiler,
    redis: { connected: publisher.isReady, state: publisher.state, lastError: publisher.lastError },
    dashboard: { lastWrittenAt: () => writer.lastWrittenAt(), writes: () => writer.writes() },
    refusedPoints: () => refused,
    collectionIntervalSeconds: config.collectionIntervalSeconds,
    startedAt: clock(),
  }
  const writer = createDashboardWriter({
    state,
    version: deps.version ?? '0.0.0',
    clock,
    write: publisher.writeDashboard,
  })

  const task = (name: string, intervalMs: number, run: () => Promise<unknown>, graceMs = RUN_GRACE_MS) =>
    createRepeatingTask({ name, intervalMs, run, graceMs, logger, clock })
  const timed = [
    task('collection', config.collectionIntervalSeconds * 1000, cycle.run),
    task('dashboard', config.dashboardIntervalSeconds * 1000, writer.publish),
    ...(profiler
      ? [task('memory-profile', config.memoryProfile.intervalSeconds * 1000, profiler.snapshot)]
      : []),
    task('alert-delivery', delivery.tickIntervalMs, delivery.tick, DELIVERY_GRACE_MS),
  ]
  const watched = [...timed, ingest.watch]
  const registry = createPromRegistry(state)
  registerAlertmanagerMetrics(registry, { status: () => ({ alertmanager: { sent: delivery.sent() } }) })

  const http = createApp({ state, watched, registry, dashboard: writer.build, clock, logger })
  return {
    app: http.app,
    createServer: http.createServer,
    state,
    tasks: timed,
    async start() {
      delivery.open(publisher.open())
      if (profiler)
        await profiler.start().catch((err: unknown) => logger.warn('heap profiler unavailable', { err }))
      for (const t of timed) t.start()
      ingest.start()
    },
    async stop() {
      await runSteps(
        [
          { name: 'ingest', run: () => ingest.stop() },
          ...timed.map((t) => ({ name: t.name, run: () => t.stop() })),
          { name: 'alert delivery', run: () => delivery.close() },
          { name: 'profiler', run: () => profiler?.stop() },
          { name: 'process probe', run: () => processProbe.close() },
          { name: 'redis', run: () => publisher.close() },
        ],
        logger,
      )
    },
    addPerformanceAlert: (definition) => rules.add(definition, 'code'),
    buildDashboard: writer.build,
  }
}
