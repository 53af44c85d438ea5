import { createManualClock } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { createLeaseState } from './createRedisLease.js'

describe('createLeaseState', () => {
  it('is held for the TTL counted from when the confirmation was sent', () => {
    const { clock, advance } = createManualClock()
    const lease = createLeaseState(30_000, clock)
    expect(lease.isHeld()).toBe(false)
    expect(lease.reason()).toBe('lease not acquired yet')
    const sentAt = clock()
    advance(2000) // a slow round trip
    lease.confirmed(sentAt)
    advance(27_999)
    expect(lease.isHeld()).toBe(true)
    advance(1)
    expect(lease.isHeld()).toBe(false)
    expect(lease.reason()).toBe('lease expired before renewal')
  })

  it('is lost at once with the reason', () => {
    const { clock } = createManualClock()
    const lease = createLeaseState(30_000, clock)
    lease.confirmed(clock())
    lease.lost('held by other')
    expect(lease.isHeld()).toBe(false)
    expect(lease.reason()).toBe('held by other')
  })
})
