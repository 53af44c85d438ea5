import { createManualClock } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { decideRestart, type PolicyInput, restartBudget } from './decideRestart.js'
import type { RestartRecord } from './types.js'

const MIN = 60_000
const { clock, advance } = createManualClock()

function input(overrides: Partial<PolicyInput> = {}): PolicyInput {
  const now = clock()
  return {
    now,
    trigger: 'no data written to InfluxDB for 12.0 min (aggr_server critical)',
    evidenceAt: now,
    troubled: true,
    triggerSince: now,
    sustainMs: 0,
    heldBackBy: undefined,
    history: [],
    busy: false,
    enabled: true,
    docker: { available: true },
    leader: { held: true },
    budget: 3,
    windowMs: 60 * MIN,
    verifyGraceMs: 2 * MIN,
    ...overrides,
  }
}
const restart = (at: number, outcome: RestartRecord['outcome'], settledAt?: number): RestartRecord => ({
  at,
  outcome,
  reason: 'gap',
  instance: 'a',
  ...(settledAt === undefined ? {} : { settled_at: settledAt }),
})
const action = (overrides: Partial<PolicyInput> = {}) => decideRestart(input(overrides)).decision

describe('decideRestart', () => {
  it('restarts when the trigger holds and every gate is open', () => {
    expect(action()).toEqual({ action: 'restart', reason: input().trigger })
  })

  it('does nothing without a trigger', () => {
    expect(action({ trigger: undefined, troubled: false })).toEqual({ action: 'none' })
  })

  it('holds the symptom back while a dependency is down, and says which', () => {
    expect(action({ heldBackBy: 'influxdb is critical' })).toEqual({
      action: 'hold',
      reason: 'held back: influxdb is critical',
      heldBackBy: 'influxdb is critical',
    })
    // The check could not even judge the service: still worth saying what holds it back.
    expect(action({ trigger: undefined, heldBackBy: 'influxdb is critical' }).action).toBe('hold')
    expect(action({ trigger: undefined, troubled: false, heldBackBy: 'influxdb is critical' }).action).toBe(
      'none',
    )
  })

  it('waits until the condition has held for the sustain time', () => {
    const since = clock()
    advance(4 * MIN)
    const waiting = action({ triggerSince: since, sustainMs: 5 * MIN })
    expect(waiting.action).toBe('wait')
    expect(waiting).toMatchObject({ reason: expect.stringMatching(/restart after 300 s, held 240 s/) })
    advance(MIN)
    expect(action({ triggerSince: since, sustainMs: 5 * MIN }).action).toBe('restart')
  })

  it('never doubles a restart that is being verified, here or by another instance', () => {
    expect(action({ busy: true }).action).toBe('wait')
    const pending = restart(clock() - MIN, 'pending')
    expect(action({ history: [pending] })).toMatchObject({
      action: 'wait',
      reason: expect.stringMatching(/verifying the restart from/),
    })
    // A pending restart past its grace period (its verifier died with its instance) no longer blocks.
    expect(action({ history: [restart(clock() - 3 * MIN, 'pending')] }).action).toBe('restart')
  })

  it('suspends when the budget is spent, until the oldest restart leaves the window', () => {
    const now = clock()
    const history = [
      restart(now - 30 * MIN, 'not_verified'),
      restart(now - 20 * MIN, 'not_verified'),
      restart(now - 10 * MIN, 'error'),
    ]
    const { decision, budget } = decideRestart(input({ history }))
    expect(decision).toMatchObject({ action: 'suspend', until: now + 30 * MIN })
    expect(budget.left).toBe(0)
    expect(decideRestart(input({ history, now: now + 30 * MIN })).decision.action).toBe('restart')
  })

  it('checks the budget before the operational gates, so a follower shows the same suspension', () => {
    const now = clock()
    const history = [1, 2, 3].map((n) => restart(now - n * MIN * 5, 'not_verified'))
    expect(action({ history, leader: { held: false, reason: 'held by b' } }).action).toBe('suspend')
  })

  it('waits for evidence newer than the latest settled restart, by any instance', () => {
    const now = clock()
    const settledAt = now - MIN
    const history = [
      restart(now - 10 * MIN, 'not_verified', now - 8 * MIN),
      { ...restart(now - 2 * MIN, 'verified', settledAt), instance: 'b' },
    ]
    // A check that ran while the restart was verified, handled only after it settled.
    expect(action({ history, evidenceAt: settledAt - 1 })).toEqual({
      action: 'wait',
      reason: `waiting for a check newer than the restart settled at ${new Date(settledAt).toISOString()}`,
    })
    expect(action({ history, evidenceAt: settledAt }).action).toBe('wait')
    expect(action({ history, evidenceAt: Number.NEGATIVE_INFINITY }).action).toBe('wait')
    expect(action({ history, evidenceAt: settledAt + 1 })).toEqual({
      action: 'restart',
      reason: input().trigger,
    })
  })

  it('lets fresh evidence after a settled restart restart again only within the budget', () => {
    const now = clock()
    const history = [1, 2, 3].map((n) => restart(now - n * 5 * MIN, 'not_verified', now - n * 5 * MIN + MIN))
    expect(action({ history, evidenceAt: now })).toMatchObject({ action: 'suspend' })
  })

  it('does not let a restart without settled_at (pending, or an older record) hold fresh evidence back', () => {
    const now = clock()
    expect(action({ history: [restart(now - 10 * MIN, 'verified')], evidenceAt: now - 5 * MIN }).action).toBe(
      'restart',
    )
  })

  it('counts the sustain time from the latest settled restart, not from before it', () => {
    const now = clock()
    const history = [restart(now - 2 * MIN, 'verified', now - MIN)]
    const held = { history, triggerSince: now - 10 * MIN, sustainMs: 5 * MIN }
    expect(action(held)).toMatchObject({ action: 'wait', reason: expect.stringMatching(/held 60 s/) })
    advance(4 * MIN)
    expect(action({ ...held, evidenceAt: clock() }).action).toBe('restart')
  })

  it('refuses when disabled, when Docker is unreachable, and when another instance leads', () => {
    expect(action({ enabled: false })).toMatchObject({
      action: 'refuse',
      reason: expect.stringMatching(/disabled/),
    })
    expect(
      action({ docker: { available: false, reason: 'no Docker socket at /var/run/docker.sock' } }),
    ).toEqual({
      action: 'refuse',
      reason: 'docker unavailable: no Docker socket at /var/run/docker.sock',
    })
    expect(action({ containerMissing: 'no container found for aggr_server (x)' })).toEqual({
      action: 'refuse',
      reason: 'no container found for aggr_server (x)',
    })
    expect(action({ leader: { held: false, reason: 'held by b' } })).toEqual({
      action: 'refuse',
      reason: 'not the recovery leader: held by b',
    })
  })
})

const HOUR = 3_600_000
const at = (ms: number, outcome: RestartRecord['outcome'] = 'not_verified'): RestartRecord => ({
  at: ms,
  outcome,
  reason: 'r',
  instance: 'i',
})

describe('restartBudget', () => {
  it('allows restarts while fewer than the budget fall in the window', () => {
    const state = restartBudget({ history: [at(1000), at(2000)], now: 10_000, budget: 3, windowMs: HOUR })
    expect(state.left).toBe(1)
    expect(state.nextAllowedAt).toBeUndefined()
    expect(state.inWindow.map((r) => r.at)).toEqual([1000, 2000])
  })

  it('is exhausted at the budget and frees up when the oldest restart leaves the window', () => {
    const history = [at(3000), at(1000), at(2000)]
    const state = restartBudget({ history, now: 10_000, budget: 3, windowMs: HOUR })
    expect(state.left).toBe(0)
    expect(state.nextAllowedAt).toBe(1000 + HOUR)
    expect(restartBudget({ history, now: 1000 + HOUR, budget: 3, windowMs: HOUR }).left).toBe(1)
  })

  it('counts every outcome, errors and pending ones too', () => {
    const history = [at(1, 'error'), at(2, 'pending'), at(3, 'verified')]
    expect(restartBudget({ history, now: 10, budget: 3, windowMs: HOUR }).left).toBe(0)
  })

  it('with more restarts than the budget (a lowered budget), waits until enough have aged out', () => {
    const history = [at(1000), at(2000), at(3000), at(4000)]
    expect(restartBudget({ history, now: 5000, budget: 2, windowMs: HOUR }).nextAllowedAt).toBe(3000 + HOUR)
  })

  it('ignores restarts older than the window or in the future', () => {
    const state = restartBudget({
      history: [at(0), at(HOUR + 10), at(5 * HOUR)],
      now: HOUR + 100,
      budget: 3,
      windowMs: HOUR,
    })
    expect(state.inWindow.map((r) => r.at)).toEqual([HOUR + 10])
  })
})
