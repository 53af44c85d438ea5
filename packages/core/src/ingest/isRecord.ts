import type { IngestDecodeResult, IngestRejectionCode } from './ingestFields.js'

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function rejection(code: IngestRejectionCode, message: string): IngestDecodeResult {
  return { rejected: { code, message }, points: 0, skipped: 0 }
}
