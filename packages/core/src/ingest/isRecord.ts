import type { IngestDecodeResult, IngestRejectionCode } from './ingestFields.js'

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function rejection(code: IngestRejectionCode, message: string): IngestDecodeResult {
  return { rejected: { code, message }, points: 0, skipped: 0 }
}

/** Parses an entry's JSON text, or says why it is refused: both entry versions start this way. */
export function parseEntryJson(text: string): { value: unknown } | { refused: IngestDecodeResult } {
  try {
    return { value: JSON.parse(text) }
  } catch (error) {
    return { refused: rejection('not_json', `entry is not JSON: ${(error as Error).message}`) }
  }
}
