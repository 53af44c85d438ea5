import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { setTimeout as delay } from 'node:timers/promises'
import {
  type Alert,
  AlertTracker,
  type Clock,
  type HealthCheck,
  type RedisKeys,
  systemClock,
} from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'
import type { RedisConnection } from '@squeezeflow/service-kit/redis'
import type { DockerContainers } from '../adapters/createDockerContainers.js'
import type { RecoveryHook } from '../types.js'
import { createLatestOnlyTask } from './createLatestOnlyTask.js'
import { createRedisLease } from './createRedisLease.js'
import { createRestartHistory, mergeRestarts } from './createRestartHistory.js'
import { createConditionTracker, decideRestart } from './decideRestart.js'
import { performRestart, type RestartContext } from './performRestart.js'
import { announceDecision } from './recoveryAlerts.js'
import { type RecoveryMetrics, type ServiceSnapshot, serviceRecoveryStatus } from './recoveryStatus.js'
import { evidenceTime, heldBackBy, isTroubled, missingContainer, restartTrigger } from './restartTrigger.js'
import { isRecoverableService, type RecoverableService, type RecoveryConfig } from './types.js'

export interface RecoveryDeps {
  config: RecoveryConfig
  docker: DockerContainers
  redis: RedisConnection
  keys: RedisKeys
  /** Publishes to `<prefix>:alerts`; must not block. */
  publishAlert: (alert: Alert) => void
  /** Whether aggr-server wrote points after `sinceMs` (the InfluxDB adapter's); verifies its restarts. */
  dataResumedSince?: (sinceMs: number) => Promise<boolean>
  logger: Logger
  metrics?: RecoveryMetrics
  clock?: Clock
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>
  /** Default `<hostname>:<pid>:<random>`. */
  instanceId?: string
  /** Verification poll interval, ms. Default a tenth of the grace period, at most 5 s. */
  verifyPollMs?: number
  /** How often the recovery task looks for results not acted on yet: the check interval. Default 30 s. */
  intervalMs?: number
}

export type Recovery = RecoveryHook & {
  /** Resolves when the current cycle and every restart and verification in flight have finished. */
  idle(): Promise<void>
  /** Stops acting, abandons verifications, waits for a restart in flight, releases the lease. */
  close(): Promise<void>
}

const defaultSleep = (ms: number, signal: AbortSignal) =>
  delay(ms, undefined, { signal, ref: false }).catch(() => undefined)

/** Auto-recovery behind the `RecoveryHook` seam: decides after each check cycle, acts in the background. */
export function createRecovery(deps: RecoveryDeps): Recovery {
  const { config, docker } = deps
  const clock = deps.clock ?? systemClock
  const log = deps.logger.child({ module: 'recovery' })
  const instanceId = deps.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  const windowMs = config.windowSeconds * 1000
  const verifyGraceMs = config.verifyGraceSeconds * 1000
  const lease = createRedisLease({
    redis: deps.redis,
    key: deps.keys.recoveryLeaderLease,
    instanceId,
    ttlMs: config.leaseSeconds * 1000,
    clock,
    logger: log,
  })
  const history = createRestartHistory({
    redis: deps.redis,
    keyFor: deps.keys.restartHistory,
    retentionMs: windowMs,
    clock,
    logger: log,
  })
  const conditions = createConditionTracker()
  const tracker = new AlertTracker({ clock, repeatIntervalSeconds: config.windowSeconds })
  const snapshots = new Map<RecoverableService, ServiceSnapshot>()
  const inFlight = new Map<RecoverableService, Promise<void>>()
  const abort = new AbortController()
  const active = config.enabled && config.services.length > 0
  if (config.services.includes('aggr_server') && deps.dataResumedSince === undefined) {
    throw new TypeError('createRecovery: dataResumedSince is required when aggr_server is on the allowlist')
  }

  const publish = (alert: Alert) => {
    try {
      deps.publishAlert(alert)
    } catch (error) {
      log.error('alert publish failed', { fingerprint: alert.fingerprint, err: error })
    }
  }
  const restartContext: RestartContext = {
    docker,
    lease,
    history,
    publish,
    clock,
    instanceId,
    metrics: deps.metrics,
    dataResumedSince: deps.dataResumedSince,
    sleep: deps.sleep ?? defaultSleep,
    stopTimeoutSeconds: config.stopTimeoutSeconds,
    verifyGraceMs,
    verifyPollMs: deps.verifyPollMs ?? Math.min(5000, Math.max(100, verifyGraceMs / 10)),
    signal: abort.signal,
    logger: log,
    onRecord(service, restart) {
      const snapshot = snapshots.get(service)
      if (snapshot !== undefined) snapshot.history = mergeRestarts(snapshot.history, [restart])
    },
  }
  const lastLogged = new Map<string, string>()

  const evaluate = async (
    service: RecoverableService,
    results: ReadonlyMap<string, HealthCheck>,
    leader: boolean,
  ) => {
    const dockerState = docker.availability()
    const containerAskedAt = clock()
    const container = dockerState.available ? await docker.containerState(service) : undefined
    const { records, fromRedis } = await history.list(service)
    const now = clock()
    const result = results.get(service)
    const trigger = restartTrigger(service, result, container)
    const { decision, budget } = decideRestart({
      now,
      trigger,
      evidenceAt: evidenceTime(result, container, containerAskedAt),
      troubled: isTroubled(result),
      triggerSince: conditions.update(service, trigger !== undefined, now),
      sustainMs: config.sustainSeconds[service] * 1000,
      heldBackBy: heldBackBy(service, results),
      history: records,
      busy: inFlight.has(service),
      enabled: config.enabled,
      docker: dockerState,
      containerMissing:
        dockerState.available && container === undefined
          ? missingContainer(service, config.containers[service])
          : undefined,
      leader: { held: leader, reason: lease.reason() },
      budget: config.budget,
      windowMs,
      verifyGraceMs,
    })
    snapshots.set(service, { decision, history: records, container, fromRedis, at: now })
    const said = decision.action === 'none' ? 'none' : `${decision.action}: ${decision.reason}`
    if (lastLogged.get(service) !== said)
      log.info('recovery decision', { service, action: decision.action, said })
    lastLogged.set(service, said)
    if (leader) announceDecision({ tracker, publish, service, decision, budget, dockerState, config })
    if (decision.action === 'restart') {
      const work = performRestart(restartContext, service, decision.reason)
        .catch((error: unknown) => {
          log.error('restart work failed', { service, err: error })
        })
        .finally(() => inFlight.delete(service))
      inFlight.set(service, work)
    }
  }

  const cycle = async (results: ReadonlyMap<string, HealthCheck>) => {
    if (active) await docker.checkAvailability()
    const leader = active && (await lease.confirm())
    for (const service of config.services) await evaluate(service, results, leader)
  }

  const cycles = createLatestOnlyTask({
    name: 'recovery',
    intervalMs: deps.intervalMs ?? 30_000,
    // Its Docker and Redis calls have their own deadlines; a cycle outlasting the lease could not act anyway.
    graceMs: config.leaseSeconds * 1000,
    job: cycle,
    onError: (error) => log.error('recovery cycle failed', { err: error }),
    logger: log,
    clock,
  })
  const idle = async () => {
    do {
      await cycles.task.runNow()
      await Promise.all(inFlight.values())
    } while (cycles.waiting() || inFlight.size > 0)
  }

  const statusFor = (service: string) => {
    if (!isRecoverableService(service)) return undefined
    const allowlisted = config.services.includes(service)
    return serviceRecoveryStatus(snapshots.get(service), {
      config,
      docker: docker.availability(),
      leader: lease.isHeld(),
      allowlisted,
      now: clock(),
    })
  }

  return {
    afterCycle: (results) => cycles.submit(results),
    tasks: [cycles.task],
    // Only the lease holder announces recovery's alerts: after it dies, nobody does until the lease expires.
    alertSilenceSeconds: config.leaseSeconds,
    statusFor,
    summary() {
      const available = docker.availability()
      const services = Object.fromEntries(config.services.map((s) => [s, statusFor(s)]))
      return {
        enabled: config.enabled,
        ...available,
        leader: lease.isHeld(),
        instance_id: instanceId,
        services,
      }
    },
    idle,
    async close() {
      cycles.close()
      abort.abort()
      await cycles.task.stop()
      await idle()
      await lease.release()
    },
  }
}
