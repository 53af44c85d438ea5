import { describe, expect, it } from 'vitest'
import { continueSignalScan, parseRedisWatchReply, signalCounterValue } from './redisWatchReply.js'

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
        '0',
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
        cursor: '0',
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
    const scan = [10, 0, [], '17']
    expect(parseRedisWatchReply([[null, 'WRONGTYPE x'], scan, []], [], 0).counter).toEqual({
      error: 'WRONGTYPE x',
    })
    const absent = parseRedisWatchReply([[null, null], scan, []], [], 0)
    expect(absent.counter).toEqual({ raw: null })
    expect(absent.signals).toEqual({ examined: 10, complete: false, readings: [], cursor: '17' })
  })

  it('throws on a reply of another shape', () => {
    expect(() => parseRedisWatchReply('OK', [], 0)).toThrow(/not \[counter, signals, queues\]/)
    expect(() => parseRedisWatchReply([[null, null], 'x', []], [], 0)).toThrow(/signal scan reply/)
    expect(() => parseRedisWatchReply([[null, null], [1, 1, []], []], ['q'], 0)).toThrow(/0 entries/)
  })
})

describe('continueSignalScan', () => {
  it('adds the counts, takes the later cursor, and keeps a key SCAN returned twice once', () => {
    const first = {
      examined: 1000,
      complete: false,
      cursor: '512',
      readings: [
        { key: 'a', stamp: null, idleSeconds: 9 },
        { key: 'b', stamp: null, idleSeconds: 4 },
      ],
    }
    const next = {
      examined: 300,
      complete: true,
      cursor: '0',
      readings: [
        { key: 'b', stamp: null, idleSeconds: 5 },
        { key: 'c', stamp: '1', idleSeconds: 1 },
      ],
    }
    expect(continueSignalScan(first, next)).toEqual({
      examined: 1300,
      complete: true,
      cursor: '0',
      readings: [
        { key: 'a', stamp: null, idleSeconds: 9 },
        { key: 'b', stamp: null, idleSeconds: 5 },
        { key: 'c', stamp: '1', idleSeconds: 1 },
      ],
    })
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
