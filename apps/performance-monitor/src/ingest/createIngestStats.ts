import type { IngestStats } from './types.js'

/** Counters at zero, before anything was read. */
export function createIngestStats(): IngestStats {
  return {
    entries: 0,
    points: 0,
    rejectedPoints: 0,
    errors: 0,
    lastError: undefined,
    lastIngestAt: undefined,
    backlog: undefined,
    streamBytes: undefined,
    streamEntries: undefined,
    droppedEntries: 0,
  }
}
