/** What the stream holds, as Redis reports it. */
export interface StreamFootprint {
  /** `MEMORY USAGE` of the stream key. */
  bytes: number
  /** `XLEN`. */
  entries: number
}

/** Trimming goes a little below the cap, so a stream hovering at it is not trimmed on every check. */
const TRIM_TO_SHARE = 0.9

/**
 * How many entries the ingest stream may keep so that it stays under `capBytes`, or undefined when it is
 * under the cap already. Acknowledged entries are trimmed as they are acknowledged, so what remains is the
 * unconsumed backlog: the oldest of it goes first. Entries are assumed to be of about equal size, which holds
 * for batches of one producer and is close enough across several.
 */
export function backlogTrimTarget({ bytes, entries }: StreamFootprint, capBytes: number): number | undefined {
  if (bytes <= capBytes || entries === 0) return undefined
  return Math.floor((entries * capBytes * TRIM_TO_SHARE) / bytes)
}
