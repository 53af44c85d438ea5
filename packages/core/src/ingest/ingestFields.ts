/**
 * Field names and shapes of an entry in the ingest stream (`<prefix>:ingest:metrics`), the contract between
 * the SDKs and performance-monitor. docs/contracts/README.md describes it; its fixtures pin it down.
 */

/** v2, columnar: `{"v":2,"service","t0","series","i","t","x"}` as JSON text. What the SDKs write. */
export const INGEST_FIELD_V2 = 'c'
/** v1: a JSON array of MetricPoint. Still read, so SDKs deployed before v2 keep working. */
export const INGEST_FIELD_V1 = 'p'
export const INGEST_VERSION = 2

type Tags = Readonly<Record<string, string>>

/** Points stored by column, e.g. taken from the SDK's ring buffer; `length` of each column is used. */
export interface PointColumns {
  readonly length: number
  readonly names: ArrayLike<string>
  readonly units: ArrayLike<string>
  /** One object per point; points of one tag set should share it, so the encoder finds the series by identity. */
  readonly tags: ArrayLike<Tags>
  readonly values: ArrayLike<number>
  /** ms since the Unix epoch. */
  readonly timestamps: ArrayLike<number>
}

/** What a decoded point belongs to: one validated series of one service. Shared by its points, never copied. */
export interface IngestSeries {
  readonly metric_name: string
  readonly unit: string
  readonly service: string
  readonly tags: Tags
}

/** Receives each valid point of an entry, in entry order. */
export type IngestPointVisitor = (series: IngestSeries, value: number, timestamp: number) => void

/** Why a whole entry was refused (its points are all lost). */
export type IngestRejectionCode = 'no_field' | 'not_json' | 'bad_version' | 'bad_shape' | 'length_mismatch'

/** Why one point of an accepted entry was skipped. */
export type IngestSkipCode =
  | 'invalid_series'
  | 'index_out_of_range'
  | 'offset_not_integer'
  | 'value_not_finite'
  | 'invalid_point'

export interface IngestProblem<Code extends string> {
  readonly code: Code
  /** For people: what exactly is wrong. */
  readonly message: string
}

export type IngestRejection = IngestProblem<IngestRejectionCode>
/** `index` is the point's position in the entry. */
export type IngestSkip = IngestProblem<IngestSkipCode> & { readonly index: number }

export type IngestDecodeResult =
  | { readonly rejected: undefined; readonly points: number; readonly skipped: number }
  | { readonly rejected: IngestRejection; readonly points: 0; readonly skipped: 0 }
