import { describe, expect, it } from 'vitest'
import type { AlertRecord } from '../types.js'
import { decideClaim } from './decideClaim.js'
import { at, testAlert } from './testAlert.js'

const repeatMs = 3_600_000
const firingRecord = (since: number, lastNotified: number): AlertRecord => ({
  state: 'firing',
  since: at(since),
  lastNotified: at(lastNotified),
  rev: 3,
  alert: testAlert('firing', since),
})

describe('decideClaim', () => {
  it('claims the first firing and publishes it with its own start', () => {
    const decision = decideClaim(undefined, testAlert('firing', 0), { now: at(0), repeatMs })
    expect(decision).toMatchObject({
      claim: true,
      record: { state: 'firing', since: at(0), lastNotified: at(0), rev: 0 },
      publish: { state: 'firing', fired_at: '2026-01-01T00:00:00.000Z' },
    })
  })

  it('stays quiet when the alert already fires (another replica, or this one before a restart)', () => {
    const decision = decideClaim(firingRecord(0, 0), testAlert('firing', 5000), { now: at(5000), repeatMs })
    expect(decision).toEqual({ claim: false, reason: 'already firing' })
  })

  it('announces an escalation of a firing alert once, keeping its start, and no de-escalation', () => {
    const warning = { ...firingRecord(0, 0), alert: testAlert('firing', 0, { severity: 'warning' }) }
    const escalated = decideClaim(warning, testAlert('firing', 5000), { now: at(5000), repeatMs })
    expect(escalated).toMatchObject({
      claim: true,
      record: { state: 'firing', since: at(0), lastNotified: at(5000), alert: { severity: 'critical' } },
      publish: { severity: 'critical', fired_at: '2026-01-01T00:00:00.000Z' },
    })
    const lower = testAlert('firing', 9000, { severity: 'warning' })
    expect(decideClaim(firingRecord(0, 5000), lower, { now: at(9000), repeatMs })).toEqual({
      claim: false,
      reason: 'already firing',
    })
  })

  it('fires again after a resolution, as a new episode', () => {
    const resolved: AlertRecord = { ...firingRecord(0, 0), state: 'resolved', resolvedAt: at(10) }
    const decision = decideClaim(resolved, testAlert('firing', 20_000), { now: at(20_000), repeatMs })
    expect(decision).toMatchObject({ claim: true, record: { since: at(20_000), rev: 3 } })
  })

  it('repeats only once per interval across replicas, with the shared start', () => {
    const record = firingRecord(0, 0)
    const early = decideClaim(record, testAlert('firing', 90_000, { repeat: true }), {
      now: at(repeatMs - 1),
      repeatMs,
    })
    expect(early).toEqual({ claim: false, reason: 'repeated recently' })
    const due = decideClaim(record, testAlert('firing', 90_000, { repeat: true }), {
      now: at(repeatMs),
      repeatMs,
    })
    expect(due).toMatchObject({
      claim: true,
      record: { since: at(0), lastNotified: at(repeatMs) },
      publish: { repeat: true, fired_at: '2026-01-01T00:00:00.000Z' },
    })
  })

  it('recreates a record Redis lost on a repeat, and leaves one resolved elsewhere resolved', () => {
    const lost = decideClaim(undefined, testAlert('firing', 0, { repeat: true }), {
      now: at(repeatMs),
      repeatMs,
    })
    expect(lost).toMatchObject({ claim: true, record: { state: 'firing', since: at(0) } })
    const resolved: AlertRecord = { ...firingRecord(0, 0), state: 'resolved', resolvedAt: at(10) }
    const repeat = testAlert('firing', 0, { repeat: true })
    expect(decideClaim(resolved, repeat, { now: at(repeatMs), repeatMs })).toEqual({
      claim: false,
      reason: 'resolved by another instance',
    })
  })

  it('resolves a firing alert once, keeping when it started', () => {
    const decision = decideClaim(firingRecord(0, 0), testAlert('resolved', 60_000), {
      now: at(60_000),
      repeatMs,
    })
    expect(decision).toMatchObject({
      claim: true,
      record: { state: 'resolved', since: at(0), resolvedAt: at(60_000) },
      publish: { state: 'resolved', fired_at: '2026-01-01T00:00:00.000Z' },
    })
    const again = decideClaim(undefined, testAlert('resolved', 60_000), { now: at(60_000), repeatMs })
    expect(again).toEqual({ claim: false, reason: 'not firing' })
  })

  it('never announces a pending alert', () => {
    expect(decideClaim(undefined, testAlert('pending', 0), { now: at(0), repeatMs })).toMatchObject({
      claim: false,
    })
  })
})
