import { createManualClock, decodeIngestEntryPoints } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { createSelfReport } from './createSelfReport.js'
import { Flusher, type Shipper } from './Flusher.js'
import { PointBuffer } from './PointBuffer.js'

/** Stands in for Redis only as a function seam: the Redis side is tested against a real server. */
function createShipper() {
  const roundTrips: string[][] = []
  const shipper: Shipper & { failure?: string; unavailableReason?: string } = {
    unavailable: () => shipper.unavailableReason,
    async ship(entries) {
      if (shipper.failure) throw new Error(shipper.failure)
      roundTrips.push([...entries])
    },
  }
  const delivered = () => roundTrips.flat().flatMap((entry) => decodeIngestEntryPoints({ c: entry }).points)
  return { shipper, roundTrips, delivered }
}

function setup(options: { capacity?: number; perEntry?: number; perFlush?: number } = {}) {
  const buffer = new PointBuffer(options.capacity ?? 100, 's')
  const { shipper, roundTrips, delivered } = createShipper()
  let rejected = 0
  const flusher = new Flusher({
    buffer,
    shipper,
    maxPointsPerEntry: options.perEntry ?? 10,
    maxPointsPerFlush: options.perFlush ?? 100,
    selfReport: createSelfReport('s', createManualClock(5).clock, () => ({
      dropped: buffer.dropped,
      rejected,
    })),
  })
  const fill = (n: number, from = 0) => {
    for (let i = 0; i < n; i++) buffer.push('m', from + i, 'ms', {}, 1)
  }
  return { buffer, shipper, roundTrips, delivered, flusher, fill, reject: () => rejected++ }
}

describe('Flusher', () => {
  it('ships a batch in ONE round trip, cut into entries of maxPointsPerEntry', async () => {
    const { flusher, fill, roundTrips, delivered } = setup({ perEntry: 10 })
    fill(25)
    expect(await flusher.flush()).toEqual({ shipped: 25, remaining: 0, error: undefined })
    expect(roundTrips).toHaveLength(1)
    expect(roundTrips[0]).toHaveLength(3)
    expect(delivered().map((p) => p.value)).toEqual(Array.from({ length: 25 }, (_, i) => i))
    expect([flusher.flushes, flusher.roundTrips, flusher.shipped]).toEqual([1, 1, 25])
  })

  it('uses one round trip per maxPointsPerFlush points, and none when idle', async () => {
    const { flusher, fill, roundTrips } = setup({ perFlush: 40, perEntry: 10 })
    await flusher.flush()
    expect(roundTrips).toHaveLength(0)
    fill(100)
    await flusher.flush()
    expect(roundTrips.map((entries) => entries.length)).toEqual([4, 4, 2])
  })

  it('keeps points when a round trip fails and delivers them, in order, on the next flush', async () => {
    const { flusher, fill, shipper, buffer, delivered } = setup()
    fill(5)
    shipper.failure = 'ECONNRESET'
    expect(await flusher.flush()).toEqual({ shipped: 0, remaining: 5, error: 'ECONNRESET' })
    fill(2, 5)
    shipper.failure = undefined
    await flusher.flush()
    expect(delivered().map((p) => p.value)).toEqual([0, 1, 2, 3, 4, 5, 6])
    expect(buffer.size).toBe(0)
    expect(flusher.lastError).toBeUndefined()
  })

  it('does not try while Redis is unavailable, and says why', async () => {
    const { flusher, fill, shipper } = setup()
    fill(3)
    shipper.unavailableReason = 'connect ECONNREFUSED 127.0.0.1:1'
    expect(await flusher.flush()).toEqual({
      shipped: 0,
      remaining: 3,
      error: 'connect ECONNREFUSED 127.0.0.1:1',
    })
    expect(flusher.roundTrips).toBe(0)
  })

  it('says Redis is away even with nothing to ship, and clears that once it is back', async () => {
    const { flusher, shipper } = setup()
    shipper.unavailableReason = 'connect ECONNREFUSED 127.0.0.1:1'
    expect((await flusher.flush()).error).toBe('connect ECONNREFUSED 127.0.0.1:1')
    shipper.unavailableReason = undefined
    expect(await flusher.flush()).toEqual({ shipped: 0, remaining: 0, error: undefined })
  })

  it('reports drops once, as sdk_dropped_points_total, with the next successful round trip', async () => {
    const { flusher, fill, shipper, delivered, reject } = setup({ capacity: 10 })
    shipper.failure = 'down'
    fill(25)
    reject()
    await flusher.flush()
    shipper.failure = undefined
    await flusher.flush()
    await flusher.flush()
    const report = delivered().filter((p) => p.metric_name.startsWith('sdk_'))
    expect(report.map((p) => [p.metric_name, p.value, p.unit])).toEqual(
      [
        ['sdk_dropped_points_total', 15],
        ['sdk_rejected_points_total', 1],
      ].map(([name, value]) => [name, value, 'count']),
    )
    expect(
      delivered()
        .filter((p) => p.metric_name === 'm')
        .map((p) => p.value),
    ).toEqual([15, 16, 17, 18, 19, 20, 21, 22, 23, 24])
  })
})
