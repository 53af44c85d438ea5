/**
 * Redis's own cost of one stream entry on top of its payload (id, field name, listpack framing), rounded
 * up, so that many small entries are not underestimated.
 */
const ENTRY_OVERHEAD_BYTES = 64
/** How much each new entry moves the running average of entry sizes. */
const SMOOTHING = 0.2

/**
 * The `MAXLEN ~` of the next XADD: as many entries of the size this producer writes as fit `backlogMaxBytes`,
 * and never more than `streamMaxLen`. It bounds the stream's memory while performance-monitor is down or
 * behind, when only producers write; once it runs, performance-monitor trims to the same budget itself.
 */
export function createBacklogEntryLimit(backlogMaxBytes: number, streamMaxLen: number) {
  let averageBytes: number | undefined
  return {
    /** Notes the payload size of an entry about to be written; returns the limit to write it with. */
    next(payloadBytes: number): number {
      const bytes = payloadBytes + ENTRY_OVERHEAD_BYTES
      averageBytes = averageBytes === undefined ? bytes : averageBytes + SMOOTHING * (bytes - averageBytes)
      return Math.max(1, Math.min(streamMaxLen, Math.floor(backlogMaxBytes / averageBytes)))
    },
  }
}
