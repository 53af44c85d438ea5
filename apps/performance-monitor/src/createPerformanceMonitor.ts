import { type Clock, createRedisKeys, type Dashboard, systemClock } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'
import { createRedisConnection, type RedisConnection } from '@squeezeflow/service-kit/redis'
import type { Express } from 'express'
import { createInspectorHeapSampler } from './adapters/createInspectorHeapSampler.js'
import { createOsUtilsSystemProbe } from './adapters/createOsUtilsSystemProbe.js'
import { createPidusageProbe } from './adapters/createPidusageProbe.js'
import { createRedisIngestStream } from './adapters/createRedisIngestStream.js'
import { createRedisPublisher, type RedisPublisher } from './adapters/createRedisPublisher.js'
import { createMetricStore } from './aggregation/createMetricStore.js'
import { createAlertEvaluator } from './alerts/createAlertEvaluator.js'
import { createAlertOutbox } from './alerts/createAlertOutbox.js'
import { DEFAULT_ALERT_RULES } from './alerts/defaultAlertRules.js'
import type { PerformanceAlertRule } from './alerts/types.js'
import { createCollectors } from './collectors/createCollectors.js'
import type { ProcessProbe, SystemProbe } from './collectors/types.js'
import type { PerformanceMonitorConfig } from './config.js'
import { createApp } from './http/createApp.js'
import { createIngestLoop } from './ingest/createIngestLoop.js'
import { createIngestStats } from './ingest/createIngestStats.js'
import { createCollectionCycle } from './monitor/createCollectionCycle.js'
import { createDashboardWriter } from './monitor/createDashboardWriter.js'
import type { MonitorState } from './monitor/types.js'
import { createMemoryProfiler } from './profiling/createMemoryProfiler.js'
import type { HeapSampler } from './profiling/types.js'
import { createPromRegistry } from './prometheus/createPromRegistry.js'
import { createRepeatingTask, type RepeatingTask } from './runtime/createRepeatingTask.js'
import { runSteps } from './runtime/runSteps.js'

export interface PerformanceMonitorDeps {
  logger: Logger
  /** Default: the system clock. */
  clock?: Clock
  /** Defaults: node-os-utils, pidusage and the inspector's sampling heap profiler. */
  systemProbe?: SystemProbe
  processProbe?: ProcessProbe
  heapSampler?: HeapSampler
  /** Rules added in code, after the defaults and PERFORMANCE_ALERTS_FILE; validated, a bad one throws. */
  alertRules?: readonly unknown[]
  version?: string
}

export interface PerformanceMonitor {
  /** The HTTP app, not listening. */
  readonly app: Express
  readonly state: MonitorState
  /** Connects to Redis (in the background; never fails for its absence) and starts every loop. */
  start(): Promise<void>
  /** Stops the loops and closes Redis, each step on its own. */
  stop(): Promise<void>
  /** Adds or replaces (by name) a performance alert rule. Throws AlertDefinitionError. */
  addPerformanceAlert(definition: unknown): PerformanceAlertRule
  buildDashboard(): Dashboard
}

const INGEST_GROUP = 'performance-monitor'
const SERVICE = 'performance-monitor'

/** Wires the whole service from its configuration; `main.ts` only adds the process around it. */
export function createPerformanceMonitor(
  config: PerformanceMonitorConfig,
  deps: PerformanceMonitorDeps,
): PerformanceMonitor {
  const { logger } = deps
  const clock = deps.clock ?? systemClock
  const startedAt = clock()
  const keys = createRedisKeys(config.redis.prefix)
  const listOptions = { keys, length: config.metricsList.length, ttlSeconds: config.metricsList.ttlSeconds }
  const store = createMetricStore({
    maxPoints: config.maxDataPoints,
    windowsSeconds: config.windowsSeconds,
    maxSeries: config.maxSeries,
    clock,
  })
  const evaluator = createAlertEvaluator({
    clock,
    repeatIntervalSeconds: config.alertRepeatIntervalSeconds,
    rules: DEFAULT_ALERT_RULES,
  })
  for (const rule of [...config.alertRules, ...(deps.alertRules ?? [])]) evaluator.addRule(rule)
  const outbox = createAlertOutbox()
  const processProbe = deps.processProbe ?? createPidusageProbe()
  const profiler = config.memoryTracking
    ? createMemoryProfiler({
        sampler: deps.heapSampler ?? createInspectorHeapSampler(),
        samplingIntervalBytes: config.memoryProfile.samplingIntervalBytes,
        clock,
        logger,
      })
    : undefined

  let commands: RedisConnection | undefined
  /** Set with `commands` in start(); its callers check that Redis is ready first. */
  let publisher: RedisPublisher | undefined
  let refused = 0

  const cycle = createCollectionCycle({
    collectors: createCollectors({
      ...config,
      systemProbe: deps.systemProbe ?? createOsUtilsSystemProbe(),
      processProbe,
      clock,
    }),
    store,
    evaluator,
    outbox,
    serviceName: SERVICE,
    clock,
    staleAfterMs: config.metricStaleSeconds * 1000,
    redisReady: () => commands?.isReady() ?? false,
    writeLists: (points) => (publisher as RedisPublisher).writeLists(points),
    publishAlert: (alert) => (publisher as RedisPublisher).publishAlert(alert),
    logger,
  })
  let ingest: ReturnType<typeof createIngestLoop> | undefined
  const ingestStats = createIngestStats()

  const state: MonitorState = {
    store,
    evaluator,
    outbox,
    cycle,
    get ingest() {
      return ingest?.stats ?? ingestStats
    },
    profiler,
    redis: {
      connected: () => commands?.isReady() ?? false,
      state: () => commands?.state() ?? 'closed',
      lastError: () => commands?.lastError(),
    },
    // Not a spread anywhere: `ingest` is a getter that must be read when used.
    dashboard: { lastWrittenAt: () => writer.lastWrittenAt(), writes: () => writer.writes() },
    refusedPoints: () => refused,
    collectionIntervalSeconds: config.collectionIntervalSeconds,
    startedAt,
  }

  const writer = createDashboardWriter({
    state,
    version: deps.version ?? '0.0.0',
    clock,
    write: (json) => (publisher as RedisPublisher).writeDashboard(json),
  })
  const tasks: RepeatingTask[] = [
    createRepeatingTask('collection', config.collectionIntervalSeconds * 1000, cycle.run, logger),
    createRepeatingTask('dashboard', config.dashboardIntervalSeconds * 1000, writer.publish, logger),
  ]
  if (profiler) {
    const snapshot = async () => void (await profiler.snapshot())
    tasks.push(
      createRepeatingTask('memory-profile', config.memoryProfile.intervalSeconds * 1000, snapshot, logger),
    )
  }

  const app = createApp({
    state,
    registry: createPromRegistry(state),
    dashboard: writer.build,
    clock,
    logger,
  })

  return {
    app,
    state,
    async start() {
      const connect = (name: string) => createRedisConnection({ ...config.redis, name, logger })
      commands = connect(SERVICE)
      publisher = createRedisPublisher(commands, listOptions)
      ingest = createIngestLoop({
        stream: createRedisIngestStream({
          ...listOptions,
          connection: connect(`${SERVICE}-ingest`),
          group: INGEST_GROUP,
          consumer: config.ingest.consumer,
          count: config.ingest.batchCount,
          blockMs: config.ingest.blockMs,
        }),
        onPoints(points) {
          for (const point of points) if (!store.record(point)) refused += 1
        },
        logger,
        clock,
      })
      if (profiler)
        await profiler.start().catch((err: unknown) => logger.warn('heap profiler unavailable', { err }))
      for (const task of tasks) task.start()
      ingest.start()
    },
    async stop() {
      await runSteps(
        [
          ['ingest', () => ingest?.stop()],
          ...tasks.map((task): [string, () => Promise<void>] => ['task', () => task.stop()]),
          ['profiler', () => profiler?.stop()],
          ['process probe', () => processProbe.close()],
          ['redis', () => commands?.close()],
        ],
        logger,
      )
    },
    addPerformanceAlert: (definition) => evaluator.addRule(definition),
    buildDashboard: writer.build,
  }
}
