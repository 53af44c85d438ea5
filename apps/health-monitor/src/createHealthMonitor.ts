import {
  type Alert,
  type Clock,
  createRedisKeys,
  type RedisKeys,
  systemClock,
  withTimeout,
} from '@squeezeflow/core'
import { cachedRoute, createDirectServer, jsonRoute } from '@squeezeflow/service-kit/http'
import type { Logger } from '@squeezeflow/service-kit/logger'
import { createRedisConnection, type RedisConnection } from '@squeezeflow/service-kit/redis'
import { runSteps } from '@squeezeflow/service-kit/runtime'
import { livenessOf } from '@squeezeflow/service-kit/scheduling'
import type { Registry } from 'prom-client'
import { createRedisStats } from './adapters/createRedisStats.js'
import { createAlertDelivery } from './alerts/createAlertDelivery.js'
import { createAlertEvaluator } from './alerts/createAlertEvaluator.js'
import { createPerformanceAlertBook } from './alerts/createPerformanceAlertBook.js'
import { createRuntimeAlertRules } from './alerts/createRuntimeAlertRules.js'
import { subscribePerformanceAlerts } from './alerts/subscribePerformanceAlerts.js'
import type { HealthMonitorConfig } from './config.js'
import { createHealthMetrics } from './createHealthMetrics.js'
import { createApp } from './http/createApp.js'
import { createDetailedBody } from './http/detailedBody.js'
import { createHealthBodyCache } from './http/healthSummary.js'
import { createMetricsBody } from './http/metricsBody.js'
import { createCheckLoop } from './loop/createCheckLoop.js'
import { overallStatus } from './overallStatus.js'
import { type DefaultCheckDeps, registerDefaultChecks } from './registerDefaultChecks.js'
import { createStatusPage } from './statusPage/createStatusPage.js'
import { registerUptimeGauge } from './statusPage/uptimeGauge.js'
import type { ContainerStateProvider, CycleReport, RecoveryHook } from './types.js'

/** What a recovery module gets to build itself on the monitor's own connections and registry. */
export interface RecoveryContext {
  redis: RedisConnection
  keys: RedisKeys
  /** Announces an alert once across replicas (`<prefix>:alerts`, history, Alertmanager); never blocks or throws. */
  publishAlert: (alert: Alert) => void
  registry: Registry
  logger: Logger
  clock: Clock
}

export interface HealthMonitorDeps {
  logger: Logger
  clock?: Clock
  containers?: ContainerStateProvider
  /** A hook, or a factory `start()` calls once the monitor's Redis connection exists. */
  recovery?: RecoveryHook | ((context: RecoveryContext) => RecoveryHook)
  /** docker stats of the monitored containers, shown in their checks (README "Watch figures"). */
  containerStats?: DefaultCheckDeps['containerStats']
}

const STARTUP_GRACE_MS = 3000
/** A Redis that accepts connections but does not answer must not hold the cycle's alerts back for long. */
const RULES_TIMEOUT_MS = 2000

/**
 * Builds checks, the loop, alerts, metrics and the HTTP app, and opens nothing: the Redis connections,
 * the recovery module and the schedule come to life in `start()`.
 */
export function createHealthMonitor(config: HealthMonitorConfig, deps: HealthMonitorDeps) {
  const { logger, containers } = deps
  const clock = deps.clock ?? systemClock
  const keys = createRedisKeys(config.redis.prefix)
  let redis: RedisConnection | undefined
  let subscriber: RedisConnection | undefined
  let recovery = typeof deps.recovery === 'function' ? undefined : deps.recovery
  const metrics = createHealthMetrics()
  const loop = createCheckLoop({
    intervalSeconds: config.checkIntervalSeconds,
    defaultTimeoutSeconds: config.checkTimeoutSeconds,
    slowCheckMs: config.slowCheckMs,
    clock,
    logger,
  })
  registerDefaultChecks(loop, {
    config,
    redis: () => redis,
    keys,
    clock,
    containers,
    containerStats: deps.containerStats,
  })

  const evaluator = createAlertEvaluator({
    clock,
    repeatIntervalSeconds: config.alerts.repeatIntervalSeconds,
  })
  // The page draws each cycle after its alerts are evaluated, so tiles and the alerts panel agree.
  const afterEvaluation: Array<(report: CycleReport) => void | Promise<void>> = []
  const statusPage = createStatusPage({
    config: config.statusPage,
    lastCycle: loop.lastReport,
    serviceNames: loop.names,
    history: loop.history,
    activeAlerts: evaluator.active,
    recoverySummary: () => recovery?.summary() ?? null,
    readDashboard: async () => (redis ? redis.client.get(keys.performanceDashboard) : null),
    onCycle: (listener) => void afterEvaluation.push(listener),
    redis: () => redis,
    keys,
    clock,
    logger,
    checkIntervalSeconds: config.checkIntervalSeconds,
    dashboardStaleAfterSeconds: config.dashboardUpdateIntervalSeconds * 3,
  })
  registerUptimeGauge(metrics.registry, statusPage.uptimeAll)
  const delivery = createAlertDelivery({
    config,
    keys,
    clock,
    logger,
    onPublished: (alert) => {
      metrics.recordPublished(alert)
      statusPage.publishAlert(alert)
    },
  })
  const publishAlert = (alert: Alert) => delivery.announceRecovery(alert)
  const performanceAlerts = createPerformanceAlertBook()
  const runtimeRules = createRuntimeAlertRules({
    custom: evaluator.custom,
    limit: config.alerts.maxCustomRules,
    logger,
  })
  const rulesSource = createRedisStats(() => redis, keys)
  const log = logger.child({ module: 'health-monitor' })

  /** Reads the rules hash; while Redis is away the rules applied last stay as they are. */
  async function refreshRuntimeRules(): Promise<void> {
    try {
      runtimeRules.apply(await withTimeout(rulesSource.readAlertRules(), RULES_TIMEOUT_MS, 'alert rules'))
    } catch (err) {
      log.debug('alert rules not read', { err })
    }
  }

  loop.onCycle(async (report) => {
    await refreshRuntimeRules()
    delivery.announce(evaluator.evaluate(report))
    delivery.markActive(evaluator.active().map((a) => a.fingerprint))
    const overall = overallStatus(report.results.values(), report.criticalServices)
    metrics.recordCycle(report, overall, evaluator.active(), delivery.buffered())
    recovery?.afterCycle(report.results)
    for (const listener of afterEvaluation) await listener(report)
  })

  const tasks = () => [loop.task, delivery.task, ...(recovery?.tasks ?? []), ...statusPage.tasks]
  const healthBody = createHealthBodyCache(loop)
  const metricsBody = createMetricsBody({ registry: metrics.registry, loop })
  const alerts = {
    active: evaluator.active,
    performance: () => ({ firing: performanceAlerts.firing(), recent: performanceAlerts.recent() }),
    delivery: delivery.status,
    customRules: () => ({ active: evaluator.custom.list(), rejected: runtimeRules.rejected() }),
  }
  const detailedBody = createDetailedBody({ loop, alerts, recovery: () => recovery, clock })
  const app = createApp({
    loop,
    healthBody,
    detailedBody,
    metricsBody,
    alerts,
    registry: metrics.registry,
    recovery: () => recovery,
    redisState: () => redis?.state() ?? 'not started',
    statusPage,
    liveness: () => livenessOf(tasks(), clock()),
    startedAt: new Date(clock()),
    clock,
    logger,
  })

  let started = false
  let stopped = false
  return {
    app,
    loop,
    registry: metrics.registry,
    /** Adds a check in code (README "How it works"). */
    registerCheck: loop.registerCheck,
    /** Adds a threshold alert on a check figure, e.g. `{ metric_name: 'aggr_server.data_gap_minutes', ... }`. */
    addPerformanceAlert: evaluator.addPerformanceAlert,
    publishAlert,
    /** Ends the status page's `/events` streams: shutdown does this before closing the HTTP server. */
    closeStreams: () => statusPage.stop(),
    /**
     * The HTTP server (not yet listening): the app, with the most polled paths answered from bodies built once
     * per cycle without Express's routing (service-kit's `createDirectServer`).
     */
    createServer: () =>
      createDirectServer(app, {
        '/health': jsonRoute(healthBody),
        '/health/detailed': jsonRoute(detailedBody),
        '/metrics': cachedRoute(metricsBody),
      }),
    /**
     * Opens both Redis connections, builds recovery on them, and starts the loop once Redis has connected
     * or a short grace has passed, so the first cycle does not report a Redis that is merely connecting.
     */
    async start(): Promise<void> {
      if (started || stopped) return
      started = true
      const main = createRedisConnection({ ...config.redis, name: 'health-monitor', logger })
      redis = main
      subscriber = createRedisConnection({ ...config.redis, name: 'health-monitor-alerts-sub', logger })
      subscribePerformanceAlerts(subscriber, keys.performanceAlertsChannel, performanceAlerts, logger)
      if (typeof deps.recovery === 'function')
        recovery = deps.recovery({
          redis: main,
          keys,
          publishAlert,
          registry: metrics.registry,
          logger,
          clock,
        })
      delivery.open(main, metrics.registry, recovery?.alertSilenceSeconds)
      const graceMs = Math.min(STARTUP_GRACE_MS, config.checkTimeoutSeconds * 1000)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs)
        main.onReady(() => {
          clearTimeout(timer)
          resolve()
        })
      })
      if (stopped) return
      await statusPage.start()
      for (const task of tasks()) task.start()
    },
    /** Stops every task and closes both Redis connections; each step runs whatever the others do. */
    async stop(): Promise<void> {
      stopped = true
      await runSteps(
        [
          // First: it ends the /events streams, which the HTTP server's close would otherwise wait for.
          { name: 'status page', run: () => statusPage.stop() },
          ...tasks().map((task) => ({ name: `task ${task.name}`, run: () => task.stop() })),
          // Before Redis closes: releasing the sender lease lets another instance send at once.
          { name: 'alert delivery', run: () => delivery.close() },
          { name: 'redis subscriber', run: () => subscriber?.close() },
          { name: 'redis', run: () => redis?.close() },
        ],
        log,
      )
    },
  }
}

export type HealthMonitor = ReturnType<typeof createHealthMonitor>
