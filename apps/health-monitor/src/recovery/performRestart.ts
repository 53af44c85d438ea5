import type { Alert, Clock } from '@squeezeflow/core'
import type { Logger } from '@squeezeflow/service-kit/logger'
import type { DockerContainers } from '../adapters/createDockerContainers.js'
import type { RedisLease } from './createRedisLease.js'
import type { RestartHistory } from './createRestartHistory.js'
import {
  restartErrorAlert,
  restartNotVerifiedAlert,
  restartStartedAlert,
  restartVerifiedAlert,
} from './recoveryAlerts.js'
import type { RecoveryMetrics } from './recoveryStatus.js'
import type { RecoverableService, RestartRecord } from './types.js'

export interface RestartContext {
  docker: DockerContainers
  lease: RedisLease
  history: RestartHistory
  publish: (alert: Alert) => void
  metrics: RecoveryMetrics | undefined
  clock: Clock
  sleep: VerifyRestartDeps['sleep']
  dataResumedSince: ((sinceMs: number) => Promise<boolean>) | undefined
  instanceId: string
  stopTimeoutSeconds: number
  verifyGraceMs: number
  verifyPollMs: number
  signal: AbortSignal
  logger: Logger
  /** Told of every new or settled restart, so status shows it before the next cycle. */
  onRecord: (service: RecoverableService, restart: RestartRecord) => void
}

/**
 * One restart, from the last safety check to its verdict; runs in the background. The lease is confirmed
 * against Redis right before acting, and the restart is written to the shared history *before* Docker
 * is asked, so neither a second replica nor a restarted monitor can act twice on one incident.
 */
export async function performRestart(
  ctx: RestartContext,
  service: RecoverableService,
  reason: string,
): Promise<void> {
  const log = ctx.logger.child({ service })
  if (!(await ctx.lease.confirm())) {
    log.info('restart skipped: lease not confirmed', { reason: ctx.lease.reason() })
    return
  }
  const pending = { at: ctx.clock(), outcome: 'pending' as const, reason, instance: ctx.instanceId }
  if (!(await ctx.history.record(service, pending))) {
    log.warn('restart skipped: restart history cannot be written to redis', { reason })
    return
  }
  ctx.onRecord(service, pending)
  log.warn('restarting container', { reason, stopTimeoutSeconds: ctx.stopTimeoutSeconds })
  ctx.publish(restartStartedAlert(service, reason, pending.at))

  const result = await ctx.docker.restart(service, ctx.stopTimeoutSeconds)
  if (!result.ok) {
    log.error('restart failed', { reason: result.reason })
    ctx.onRecord(
      service,
      await ctx.history.settle(service, pending, 'error', `${reason}; restart failed: ${result.reason}`),
    )
    ctx.metrics?.restartFinished(service, 'error')
    ctx.publish(restartErrorAlert(service, result.reason, ctx.clock()))
    return
  }
  log.info('container restarted, verifying', {
    container: result.container.name,
    started_at: result.container.started_at,
  })

  // Only points newer than the new container's start count (the old one may have written while stopping);
  // the grace period runs from the decision, as other instances count it from the recorded restart.
  const startedAt = Date.parse(result.container.started_at ?? '')
  const since = Number.isFinite(startedAt) ? startedAt : ctx.clock()
  const deadline = pending.at + ctx.verifyGraceMs
  const verdict = await verifyRestart(
    { since, deadline, pollMs: ctx.verifyPollMs, signal: ctx.signal },
    {
      clock: ctx.clock,
      sleep: ctx.sleep,
      isRunning: async () => (await ctx.docker.containerState(service))?.running === true,
      dataResumedSince: service === 'aggr_server' ? ctx.dataResumedSince : undefined,
    },
  )
  if (ctx.signal.aborted && !verdict.verified) {
    log.info('verification abandoned on shutdown; the restart stays pending')
    return
  }
  const outcome = verdict.verified ? 'verified' : 'not_verified'
  ctx.onRecord(service, await ctx.history.settle(service, pending, outcome))
  ctx.metrics?.restartFinished(service, outcome)
  if (verdict.verified) {
    log.info('restart verified', { detail: verdict.detail })
    ctx.publish(restartVerifiedAlert(service, verdict.detail, pending.at, ctx.clock()))
  } else {
    log.error('restart did not help', { detail: verdict.detail })
    ctx.publish(restartNotVerifiedAlert(service, verdict.detail, pending.at, ctx.clock()))
  }
}

export interface VerifyRestartDeps {
  clock: Clock
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>
  /** Whether the container runs now; a rejection counts as "not yet". */
  isRunning: () => Promise<boolean>
  /** Whether new data arrived after `sinceMs`; only for services whose health is data flow (aggr_server). */
  dataResumedSince?: (sinceMs: number) => Promise<boolean>
}

export interface VerifyRestartOptions {
  /** When the container was back: only data newer than this counts. */
  since: number
  /** End of the grace period (counted from the restart decision), in ms since the epoch. */
  deadline: number
  pollMs: number
  signal: AbortSignal
}

export type VerifyResult = { verified: true; detail: string } | { verified: false; detail: string }

const attempt = async (check: () => Promise<boolean>) => check().catch(() => false)

/**
 * Polls until the restarted service proves itself (container running and, where it applies, data
 * flowing again) or the grace period ends. Runs in the background; an abort ends it unverified.
 */
export async function verifyRestart(
  options: VerifyRestartOptions,
  deps: VerifyRestartDeps,
): Promise<VerifyResult> {
  const { since, deadline, pollMs, signal } = options
  const { dataResumedSince } = deps
  let running = false
  for (;;) {
    running = await attempt(deps.isRunning)
    const flowing =
      running && (dataResumedSince === undefined || (await attempt(() => dataResumedSince(since))))
    if (flowing) {
      const detail =
        dataResumedSince === undefined ? 'container running' : 'container running and data flowing again'
      return { verified: true, detail }
    }
    const left = deadline - deps.clock()
    if (signal.aborted) return { verified: false, detail: 'verification abandoned: recovery shutting down' }
    if (left <= 0) break
    await deps.sleep(Math.min(pollMs, left), signal)
  }
  const by = new Date(deadline).toISOString()
  return {
    verified: false,
    detail: running ? `no new data since the restart, by ${by}` : `container not running by ${by}`,
  }
}
