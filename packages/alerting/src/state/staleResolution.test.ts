import { describe, expect, it } from 'vitest'
import type { AlertRecord } from '../types.js'
import { staleResolution } from './staleResolution.js'
import { at, testAlert } from './testAlert.js'

const record: AlertRecord = {
  state: 'firing',
  since: at(0),
  lastNotified: at(0),
  rev: 1,
  alert: testAlert('firing', 0),
}

describe('staleResolution', () => {
  it('leaves a recently announced alert alone', () => {
    expect(staleResolution(record, at(59_999), 60_000)).toBeUndefined()
  })

  it('resolves one nobody has announced for the stale period, saying since when', () => {
    expect(staleResolution(record, at(60_000), 60_000)).toMatchObject({
      state: 'resolved',
      repeat: false,
      resolved_at: '2026-01-01T00:01:00.000Z',
      message: 'resolved: no data for 912 s (no monitor has reported it since 2026-01-01T00:00:00.000Z)',
    })
  })

  it('counts a mark of activity as a report', () => {
    expect(staleResolution({ ...record, seenAt: at(30_000) }, at(60_000), 60_000)).toBeUndefined()
    expect(staleResolution({ ...record, seenAt: at(30_000) }, at(90_000), 60_000)?.message).toMatch(
      /since 2026-01-01T00:00:30.000Z\)$/,
    )
  })

  it('never touches a resolved record', () => {
    expect(staleResolution({ ...record, state: 'resolved' }, at(600_000), 60_000)).toBeUndefined()
  })
})
