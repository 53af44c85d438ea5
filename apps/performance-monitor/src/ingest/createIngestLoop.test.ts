import { Writable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import { encodeColumnarBatch, type MetricPoint } from '@squeezeflow/core'
import { createLogger } from '@squeezeflow/service-kit/logger'
import { describe, expect, it } from 'vitest'
import type { MetricColumn } from './createIngestBatch.js'
import { createIngestLoop } from './createIngestLoop.js'
import type { IngestStream, StreamEntry } from './types.js'

const logger = createLogger({
  service: 'test',
  json: true,
  stream: new Writable({ write: (_c, _e, done) => done() }),
})
const point = (value: number): MetricPoint => ({
  metric_name: 'op_time_ms',
  value,
  unit: 'ms',
  service: 'runner',
  tags: {},
  timestamp: 1,
})
const entry = (id: string, ...values: number[]): StreamEntry => ({
  id,
  fields: {
    c: encodeColumnarBatch('runner', {
      length: values.length,
      names: values.map(() => 'op_time_ms'),
      units: values.map(() => 'ms'),
      tags: values.map(() => ({})),
      values,
      timestamps: values.map(() => 1),
    }),
  },
})

/** An in-memory stand-in for the consumer group, scripted per test. */
function fakeStream(script: {
  pending?: StreamEntry[][]
  fresh?: StreamEntry[][]
  failFirstRead?: string
  footprint?: { bytes: number; entries: number }
}) {
  const acked: string[] = []
  const listed: MetricColumn[] = []
  const trims: number[] = []
  const calls: string[] = []
  let failure = script.failFirstRead
  const stream: IngestStream = {
    isReady: () => true,
    async ensureGroup() {
      calls.push('ensureGroup')
    },
    async read(kind) {
      calls.push(kind)
      if (failure) {
        const message = failure
        failure = undefined
        throw new Error(message)
      }
      const next = (kind === 'pending' ? script.pending : script.fresh)?.shift()
      if (!next) await sleep(5)
      return next ?? []
    },
    async acknowledge(ids, lists) {
      acked.push(...ids)
      listed.push(...lists)
    },
    async writeLists(lists) {
      listed.push(...lists)
    },
    lag: async () => 0,
    footprint: async () => script.footprint ?? { bytes: 0, entries: 0 },
    async trimToLength(maxEntries) {
      trims.push(maxEntries)
      const before = script.footprint?.entries ?? 0
      return Math.max(0, before - maxEntries)
    },
    close: async () => undefined,
  }
  return { stream, acked, calls, trims, listed }
}

const MB = 1024 * 1024

describe('createIngestLoop', () => {
  it('replays unacknowledged entries first, then reads new ones, acknowledging each after recording', async () => {
    const { stream, acked, calls } = fakeStream({
      pending: [[entry('1-0', 1, 2)]],
      fresh: [[entry('2-0', 3), { id: '3-0', fields: null }, entry('4-0', 4)]],
    })
    const recorded: number[] = []
    const loop = createIngestLoop({
      backlogMaxBytes: 64 * MB,
      stream,
      onBatch: (batch) => recorded.push(...batch.metrics.flatMap((m) => m.values)),
      logger,
      clock: () => 5,
    })
    loop.start()
    await expect.poll(() => acked).toEqual(['1-0', '2-0', '3-0', '4-0'])
    await loop.stop()
    expect(recorded).toEqual([1, 2, 3, 4])
    expect(calls.slice(0, 4)).toEqual(['ensureGroup', 'pending', 'pending', 'new'])
    expect(loop.stats).toMatchObject({ entries: 4, points: 4, rejectedPoints: 0, lastIngestAt: 5 })
  })

  it('does not count an entry twice when it is delivered again after a lost acknowledgement', async () => {
    const { stream } = fakeStream({ fresh: [[entry('5-0', 1)], [entry('5-0', 1), entry('6-0', 2)]] })
    const recorded: number[] = []
    const loop = createIngestLoop({
      backlogMaxBytes: 64 * MB,
      stream,
      onBatch: (batch) => recorded.push(...batch.metrics.flatMap((m) => m.values)),
      logger,
      clock: () => 0,
    })
    loop.start()
    await expect.poll(() => recorded).toEqual([1, 2])
    await loop.stop()
  })

  it('counts invalid points as rejected and keeps the valid ones of the batch', async () => {
    const bad = JSON.stringify([point(1), { ...point(2), metric_name: 'bad name' }, { nope: true }])
    const { stream } = fakeStream({
      fresh: [
        [
          { id: '1-0', fields: { p: bad } },
          { id: '2-0', fields: { x: '[]' } },
        ],
      ],
    })
    const loop = createIngestLoop({
      stream,
      onBatch: () => undefined,
      logger,
      clock: () => 0,
      backlogMaxBytes: 64 * MB,
    })
    loop.start()
    await expect.poll(() => loop.stats.entries).toBe(2)
    await loop.stop()
    expect(loop.stats).toMatchObject({ points: 1, rejectedPoints: 3 })
  })

  it('creates the group again after NOGROUP (Redis restarted empty)', async () => {
    const { stream, calls } = fakeStream({ failFirstRead: 'NOGROUP No such key', fresh: [[entry('1-0', 1)]] })
    const loop = createIngestLoop({
      backlogMaxBytes: 64 * MB,
      stream,
      onBatch: () => undefined,
      logger,
      clock: () => 0,
      retryDelayMs: 1,
    })
    loop.start()
    await expect.poll(() => loop.stats.points).toBe(1)
    await loop.stop()
    expect(calls.filter((c) => c === 'ensureGroup')).toHaveLength(2)
    expect(loop.stats).toMatchObject({ errors: 1, lastError: undefined })
  })

  it('drops the oldest entries, and counts them, when the stream goes over its memory cap', async () => {
    const { stream, trims } = fakeStream({
      footprint: { bytes: 128 * MB, entries: 1000 },
      fresh: [[entry('1-0', 1)]],
    })
    const loop = createIngestLoop({
      backlogMaxBytes: 64 * MB,
      stream,
      onBatch: () => undefined,
      logger,
      clock: () => 0,
    })
    loop.start()
    await expect.poll(() => loop.stats.points).toBe(1)
    await loop.stop()
    expect(trims).toEqual([450])
    expect(loop.stats).toMatchObject({
      droppedEntries: 550,
      streamEntries: 450,
      streamBytes: 128 * MB * 0.45,
    })
  })

  it('writes the lists at most every interval, and the last points of a burst once the stream is quiet', async () => {
    const { stream, acked, listed } = fakeStream({ fresh: [[entry('1-0', 1, 2)], [entry('2-0', 3)]] })
    let now = 0
    const loop = createIngestLoop({
      stream,
      onBatch: () => undefined,
      logger,
      clock: () => now,
      backlogMaxBytes: 64 * MB,
      listIntervalMs: 250,
    })
    const listedValues = () => listed.flatMap((column) => column.values)
    loop.start()
    await expect.poll(() => acked).toEqual(['1-0', '2-0'])
    // The first read's points went with its acknowledgement; the second's wait for the interval.
    expect(listedValues()).toEqual([1, 2])
    now = 250
    await expect.poll(listedValues).toEqual([1, 2, 3])
    await loop.stop()
  })

  it('measures the backlog with the stream, so a loop that never reads empty still reports it', async () => {
    const { stream } = fakeStream({})
    const reads = [[entry('1-0', 1)], [entry('2-0', 2)], [entry('3-0', 3)]]
    let release: ((entries: StreamEntry[]) => void) | undefined
    let lag = 40
    const loop = createIngestLoop({
      stream: {
        ...stream,
        // Never empty: after the three reads, the next one waits until the loop stops.
        read: async () => reads.shift() ?? new Promise((resolve) => (release = resolve)),
        close: async () => release?.([]),
        lag: async () => lag++,
      },
      onBatch: () => undefined,
      logger,
      clock: () => 0,
      backlogMaxBytes: 64 * MB,
      backlogCheckMs: 0,
    })
    loop.start()
    await expect.poll(() => release).toBeDefined()
    // 40 when the group was made ready, then one more with the check before each of the four reads.
    expect(loop.stats).toMatchObject({ points: 3, backlog: 44 })
    await loop.stop()
  })

  it('leaves a quiet stream alone: an empty read means no backlog, and its size is checked once a minute', async () => {
    const { stream, calls } = fakeStream({ fresh: [[entry('1-0', 1)]] })
    let now = 0
    let lagReads = 0
    let footprints = 0
    const loop = createIngestLoop({
      stream: {
        ...stream,
        lag: async () => {
          lagReads += 1
          return 7
        },
        footprint: async () => {
          footprints += 1
          return { bytes: 0, entries: 0 }
        },
      },
      onBatch: () => undefined,
      logger,
      clock: () => now,
      backlogMaxBytes: 64 * MB,
      backlogCheckMs: 5000,
      quietCheckMs: 60_000,
    })
    loop.start()
    await expect.poll(() => loop.stats.points).toBe(1)
    const emptyReads = () => calls.filter((c) => c === 'new').length
    const readsNow = emptyReads()
    await expect.poll(emptyReads).toBeGreaterThan(readsNow + 3)
    // Once before the first read; the backlog from the group's creation and that check, then 0 from empty reads.
    expect({ footprints, lagReads, backlog: loop.stats.backlog }).toEqual({
      footprints: 1,
      lagReads: 2,
      backlog: 0,
    })
    // An entry was read since that check, so the next one is due after backlogCheckMs.
    now = 5000
    await expect.poll(() => footprints).toBe(2)
    now = 10_000
    const quietReads = emptyReads()
    await expect.poll(emptyReads).toBeGreaterThan(quietReads + 3)
    expect(footprints).toBe(2)
    now = 65_000
    await expect.poll(() => footprints).toBe(3)
    await loop.stop()
  })

  it('only measures the stream while it stays under the cap', async () => {
    const { stream, trims } = fakeStream({
      footprint: { bytes: 3 * MB, entries: 20 },
      fresh: [[entry('1-0', 1)]],
    })
    const loop = createIngestLoop({
      stream,
      onBatch: () => undefined,
      logger,
      clock: () => 0,
      backlogMaxBytes: 64 * MB,
    })
    loop.start()
    await expect.poll(() => loop.stats.points).toBe(1)
    await loop.stop()
    expect(trims).toEqual([])
    expect(loop.stats).toMatchObject({ droppedEntries: 0, streamEntries: 20, streamBytes: 3 * MB })
  })

  it('completes a round on every read, an empty one included, and none while a read hangs', async () => {
    const { stream } = fakeStream({})
    let release: ((entries: StreamEntry[]) => void) | undefined
    let hang = false
    const read: IngestStream['read'] = (kind) =>
      hang ? new Promise((resolve) => (release = resolve)) : stream.read(kind)
    // Like the Redis adapter's, closing ends a blocked read.
    const close = async () => {
      hang = false
      release?.([])
    }
    const loop = createIngestLoop({
      stream: { ...stream, read, close },
      onBatch: () => undefined,
      logger,
      clock: () => 0,
      backlogMaxBytes: 64 * MB,
    })
    await loop.nextRound()
    loop.start()
    await loop.nextRound()
    await loop.nextRound()
    hang = true
    await expect.poll(() => release).toBeDefined()
    let settled = false
    const round = loop.nextRound().then(() => (settled = true))
    await new Promise((resolve) => setImmediate(resolve))
    expect(settled).toBe(false)
    release?.([])
    await round
    await loop.stop()
    await loop.nextRound()
  })
})
