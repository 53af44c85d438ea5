import { encodeColumnarBatch, errorMessage } from '@squeezeflow/core'
import type { PendingSelfReport } from './createSelfReport.js'
import type { PointBatch } from './PointBatch.js'
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
      const batch = buffer.take(Math.min(owed, maxPointsPerFlush))
      if (batch.length === 0 && report.points.length === 0) break
      const points = batch.after(report.points)
      this.roundTrips++
      try {
        await shipper.ship(this.#entries(points))
      } catch (error) {
        buffer.requeue(batch)
        this.lastError = errorMessage(error)
        break
      }
      report.commit()
      this.shipped += points.length
      shipped += points.length
      owed -= batch.length
      if (owed <= 0) break
    }
    return { shipped, remaining: buffer.size, error: this.lastError }
  }

  /** v2 entries of `maxPointsPerEntry` points, encoded straight from the batch's columns. */
  #entries(points: PointBatch): string[] {
    const size = this.#options.maxPointsPerEntry
    const entries: string[] = []
    for (let i = 0; i < points.length; i += size) {
      entries.push(encodeColumnarBatch(points.service, points, i, Math.min(points.length, i + size)))
    }
    return entries
  }
}
