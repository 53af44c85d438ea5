import { describe, expect, it } from 'vitest'
import { parseRedisWatchReply, signalCounterValue } from './redisWatchReply.js'

describe('parseRedisWatchReply', () => {
  it('reads the counter, the scanned signal keys and the queue depths of one reply', () => {
    const reply = [
      ['41', null],
      [
        1000,
        1,
        [
          ['sq:signal:btc', '1764490000.500', 3],
          ['sq:signal:eth', null, null],
        ],
      ],
      [
        ['list', 5, []],
        ['none', null, []],
      ],
    ]
    expect(parseRedisWatchReply(reply, ['q:list', 'q:gone'], 1234)).toEqual({
      atMs: 1234,
      counter: { raw: '41' },
      signals: {
        examined: 1000,
        complete: true,
        readings: [
          { key: 'sq:signal:btc', stamp: '1764490000.500', idleSeconds: 3 },
          { key: 'sq:signal:eth', stamp: null, idleSeconds: null },
        ],
      },
      queues: [
        { key: 'q:list', type: 'list', depth: 5, missing: false },
        { key: 'q:gone', type: 'none', depth: 0, missing: true },
      ],
    })
  })

  it('keeps the error GET met on the counter, and an absent counter as null', () => {
    const scan = [10, 0, []]
    expect(parseRedisWatchReply([[null, 'WRONGTYPE x'], scan, []], [], 0).counter).toEqual({
      error: 'WRONGTYPE x',
    })
    const absent = parseRedisWatchReply([[null, null], scan, []], [], 0)
    expect(absent.counter).toEqual({ raw: null })
    expect(absent.signals).toEqual({ examined: 10, complete: false, readings: [] })
  })

  it('throws on a reply of another shape', () => {
    expect(() => parseRedisWatchReply('OK', [], 0)).toThrow(/not \[counter, signals, queues\]/)
    expect(() => parseRedisWatchReply([[null, null], 'x', []], [], 0)).toThrow(/signal scan reply/)
    expect(() => parseRedisWatchReply([[null, null], [1, 1, []], []], ['q'], 0)).toThrow(/0 entries/)
  })
})

describe('signalCounterValue', () => {
  it('is the number, null when absent, and throws for text or an error', () => {
    expect(signalCounterValue({ raw: '12' }, 'k')).toBe(12)
    expect(signalCounterValue({ raw: null }, 'k')).toBeNull()
    expect(() => signalCounterValue({ raw: 'many' }, 'k')).toThrow('k holds "many", not a number')
    expect(() => signalCounterValue({ error: 'WRONGTYPE x' }, 'k')).toThrow('WRONGTYPE x')
  })
})
