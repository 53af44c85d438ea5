import { describe, expect, it } from 'vitest'
import type { AlertRecord } from '../types.js'
import { decodeAlertRecord, encodeAlertRecord } from './alertRecordCodec.js'
import { at, testAlert } from './testAlert.js'

const asHash = (pairs: string[]) => {
  const hash: Record<string, string> = {}
  for (let i = 0; i < pairs.length; i += 2) hash[pairs[i] as string] = pairs[i + 1] as string
  return hash
}

describe('alert record codec', () => {
  it('round-trips a record through its hash fields', () => {
    const record: AlertRecord = {
      state: 'resolved',
      since: at(0),
      lastNotified: at(5000),
      resolvedAt: at(5000),
      rev: 2,
      alert: testAlert('resolved', 5000),
    }
    const hash = { ...asHash(encodeAlertRecord(record)), rev: '2' }
    expect(hash).toMatchObject({
      state: 'resolved',
      message: 'no data for 912 s',
      value: '912',
      severity: 'critical',
    })
    expect(decodeAlertRecord(hash)).toEqual(record)
  })

  it('reads a missing or damaged hash as no record', () => {
    expect(decodeAlertRecord({})).toBeUndefined()
    expect(decodeAlertRecord({ state: 'firing', since: '1', last_notified: '1', alert: '{' })).toBeUndefined()
    expect(decodeAlertRecord({ state: 'odd', since: '1', last_notified: '1', alert: '{}' })).toBeUndefined()
  })
})
