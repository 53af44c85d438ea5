import { type Alert, type Clock, createRedisKeys, type RedisKeys, systemClock } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'
import { createRedisConnection, type RedisConnection } from '@squeezeflow/service-kit/redis'
import type { Registry } from 'prom-client'
import { createAlertEvaluator } from './alerts/alertEvaluator.js'
import { createAlertPublisher } from './alerts/alertPublisher.js'
import { createPerformanceAlertBook } from './alerts/performanceAlertBook.js'
import { subscribePerformanceAlerts } from './alerts/subscribePerformanceAlerts.js'
import { createApp } from './app.js'
import type { HealthMonitorConfig } from './config.js'
import { registerDefaultChecks } from './defaultChecks.js'
import { createServer } from './http/createServer.js'
import { createHealthBodyCache } from './http/views.js'
import { createCheckLoop } from './loop/checkLoop.js'
import { createHealthMetrics } from './metrics.js'
import { overallStatus } from './overallStatus.js'
import type { ContainerStateProvider, RecoveryHook } from './seams.js'

/** What a recovery module gets to build itself on the monitor's own connections and registry. */
export interface RecoveryContext {
  redis: RedisConnection
  keys: RedisKeys
  /** Queues an alert for `<prefix>:alerts` and the history; never blocks or throws. */
  publishAlert: (alert: Alert) => void
  registry: Registry
  logger: Logger
  clock: Clock
}

export interface HealthMonitorDeps {
  logger: Logger
  clock?: Clock
  containers?: ContainerStateProvider
  recovery?: RecoveryHook | ((context: RecoveryContext) => RecoveryHook)
}

const STARTUP_GRACE_MS = 3000

/** Wires adapters, checks, the loop, alerts, metrics and the HTTP app. Nothing runs until `start()`. */
export function createHealthMonitor(config: HealthMonitorConfig, deps: HealthMonitorDeps) {
  const { logger, containers } = deps
  const clock = deps.clock ?? systemClock
  const keys = createRedisKeys(config.redis.prefix)
  const redis = createRedisConnection({ ...config.redis, name: 'health-monitor', logger })
  const subscriber = createRedisConnection({ ...config.redis, name: 'health-monitor-alerts-sub', logger })
  const metrics = createHealthMetrics()
  const loop = createCheckLoop({
    intervalSeconds: config.checkIntervalSeconds,
    defaultTimeoutSeconds: config.checkTimeoutSeconds,
    slowCheckMs: config.slowCheckMs,
    clock,
    logger,
  })
  registerDefaultChecks(loop, { config, redis, keys, clock, containers })

  const evaluator = createAlertEvaluator({
    clock,
    repeatIntervalSeconds: config.alerts.repeatIntervalSeconds,
  })
  const publisher = createAlertPublisher({
    redis,
    keys,
    clock,
    logger,
    ...config.alerts,
    onPublished: metrics.recordPublished,
  })
  const publishAlert = (alert: Alert) => void publisher.publish([alert])
  const performanceAlerts = createPerformanceAlertBook()
  subscribePerformanceAlerts(subscriber, keys.performanceAlertsChannel, performanceAlerts, logger)
  const recovery =
    typeof deps.recovery === 'function'
      ? deps.recovery({ redis, keys, publishAlert, registry: metrics.registry, logger, clock })
      : deps.recovery

  loop.onCycle((report) => {
    void publisher.publish(evaluator.evaluate(report))
    const overall = overallStatus(report.results.values(), report.criticalServices)
    metrics.recordCycle(report, overall, evaluator.active(), publisher.stats().buffered)
    recovery?.afterCycle(report.results)
  })

  const healthBody = createHealthBodyCache(loop)
  const app = createApp({
    loop,
    healthBody,
    alerts: {
      active: evaluator.active,
      performance: () => ({ firing: performanceAlerts.firing(), recent: performanceAlerts.recent() }),
      stats: publisher.stats,
      custom: evaluator.customAlerts,
    },
    registry: metrics.registry,
    recovery,
    redisState: () => redis.state(),
    startedAt: new Date(clock()),
    clock,
    checkTimeoutSeconds: config.checkTimeoutSeconds,
    logger,
  })

  let stopped = false
  return {
    app,
    loop,
    registry: metrics.registry,
    /** Adds a check in code, like the seed's `register_custom_service`. */
    registerCheck: loop.registerCheck,
    /** Adds a threshold alert on a check figure, e.g. `{ metric_name: 'aggr_server.data_gap_minutes', ... }`. */
    addPerformanceAlert: evaluator.addPerformanceAlert,
    publishAlert,
    /** The HTTP server (not yet listening): the app plus the `/health` fast path. */
    createServer: () => createServer(app, healthBody),
    /**
     * Starts the loop once Redis has connected or a short grace has passed, so the first cycle does not
     * report a Redis that is merely still connecting.
     */
    async start(): Promise<void> {
      const graceMs = Math.min(STARTUP_GRACE_MS, config.checkTimeoutSeconds * 1000)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs)
        redis.onReady(() => {
          clearTimeout(timer)
          resolve()
        })
      })
      if (!stopped) loop.start()
    },
    /** Stops the loop and closes both Redis connections; each step is independent. */
    async stop(): Promise<void> {
      stopped = true
      for (const step of [() => loop.stop(), () => subscriber.close(), () => redis.close()]) {
        await step().catch((err: unknown) => logger.error('health-monitor stop step failed', { err }))
      }
    },
  }
}

export type HealthMonitor = ReturnType<typeof createHealthMonitor>
