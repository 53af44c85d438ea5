import { describe, expect, it } from 'vitest'
import { queueConditions, queueDepths } from './queueDepths.js'

describe('queueDepths', () => {
  it('reads each key by its type; a missing key counts 0, another type has no depth', () => {
    const keys = ['q:list', 'q:stream', 'q:zset', 'q:gone', 'q:string']
    const reply = [
      ['list', 12, []],
      ['stream', 40, ['workers', 3, 5, 'audit', 0, null]],
      ['zset', 7, []],
      ['none', null, []],
      ['string', null, []],
    ]
    expect(queueDepths(keys, reply)).toEqual([
      { key: 'q:list', type: 'list', depth: 12, missing: false },
      {
        key: 'q:stream',
        type: 'stream',
        depth: 40,
        missing: false,
        groups: [
          { group: 'workers', pending: 3, lag: 5 },
          { group: 'audit', pending: 0, lag: null },
        ],
      },
      { key: 'q:zset', type: 'zset', depth: 7, missing: false },
      { key: 'q:gone', type: 'none', depth: 0, missing: true },
      { key: 'q:string', type: 'string', depth: null, missing: false },
    ])
  })

  it('refuses a reply that does not match the keys', () => {
    expect(() => queueDepths(['a', 'b'], [['list', 1, []]])).toThrow(
      'queue depth reply has 1 entries for 2 keys',
    )
    expect(() => queueDepths(['a'], 'OK')).toThrow('queue depth reply has no entries for 1 keys')
  })
})

describe('queueConditions', () => {
  it('warns per key above its threshold, never for a key without a depth', () => {
    const depths = [
      { key: 'a', type: 'list', depth: 101, missing: false },
      { key: 'b', type: 'list', depth: 100, missing: false },
      { key: 'c', type: 'hash', depth: null, missing: false },
      { key: 'd', type: 'zset', depth: 5000, missing: false },
    ]
    expect(queueConditions(depths, { a: 100, b: 100, c: 0 })).toEqual([
      {
        rule: 'queue_depth_high:a',
        severity: 'warning',
        message: 'queue a holds 101 entries (> 100)',
        value: 101,
        threshold: 100,
      },
    ])
  })
})
