import { encodeColumnarBatch, errorMessage, type PointColumns } from '@squeezeflow/core'
import type { PendingSelfReport } from './createSelfReport.js'
import { PointBatch } from './PointBatch.js'
import type { PointBuffer } from './PointBuffer.js'
import type { FlushResult } from './types.js'

/** Writes stream entries to Redis. */
export interface Shipper {
  /** Why nothing can be shipped now (not connected…), or undefined when ready. */
  unavailable(): string | undefined
  /** All entries in ONE round trip; rejects if they were not written. */
  ship(entries: readonly string[]): Promise<void>
}

export interface FlusherOptions {
  readonly buffer: PointBuffer
  readonly shipper: Shipper
  readonly maxPointsPerEntry: number
  readonly maxPointsPerFlush: number
  readonly selfReport: () => PendingSelfReport
}

/**
 * Moves buffered points to Redis: up to `maxPointsPerFlush` per round trip, cut into entries of
 * `maxPointsPerEntry`. A failed round trip puts its points back in front of the buffer, so nothing
 * accepted is lost unless the buffer overflows. Not re-entrant: the caller serializes calls.
 */
export class Flusher {
  shipped = 0
  flushes = 0
  roundTrips = 0
  lastError: string | undefined
  readonly #options: FlusherOptions

  constructor(options: FlusherOptions) {
    this.#options = options
  }

  /** Ships what is buffered when called (not what arrives meanwhile), stopping at the first failure. */
  async flush(): Promise<FlushResult> {
    const { buffer, shipper, maxPointsPerFlush } = this.#options
    this.flushes++
    let owed = buffer.size
    let shipped = 0
    for (;;) {
      // Reported even with nothing to ship, so stats say Redis is away before points pile up.
      this.lastError = shipper.unavailable()
      if (this.lastError !== undefined) break
      const report = this.#options.selfReport()
      const taken: string[] = []
      const count = buffer.drain(Math.min(owed, maxPointsPerFlush), (columns, start, end) => {
        this.#encode(taken, buffer.service, columns, start, end)
      })
      if (count === 0 && report.points.length === 0) break
      // The report goes as an entry of its own, so the points are encoded straight from the buffer's ring.
      const entries = [...taken]
      if (report.points.length > 0) {
        const own = PointBatch.of(buffer.service, report.points)
        this.#encode(entries, own.service, own, 0, own.length)
      }
      const points = count + report.points.length
      this.roundTrips++
      try {
        await shipper.ship(entries)
      } catch (error) {
        // Rare (Redis failed mid-flush), so the points come back by decoding what was encoded.
        buffer.requeue(PointBatch.decode(buffer.service, taken))
        this.lastError = errorMessage(error)
        break
      }
      report.commit()
      this.shipped += points
      shipped += points
      owed -= count
      if (owed <= 0) break
    }
    return { shipped, remaining: buffer.size, error: this.lastError }
  }

  /** Appends v2 entries of at most `maxPointsPerEntry` points for slots `start … end - 1` of `columns`. */
  #encode(entries: string[], service: string, columns: PointColumns, start: number, end: number): void {
    const size = this.#options.maxPointsPerEntry
    for (let i = start; i < end; i += size) {
      entries.push(encodeColumnarBatch(service, columns, i, Math.min(end, i + size)))
    }
  }
}
