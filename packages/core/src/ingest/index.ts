export { type DecodedIngestEntry, decodeIngestEntry, decodeIngestEntryPoints } from './decodeIngestEntry.js'
export { encodeColumnarBatch } from './encodeColumnarBatch.js'
export {
  INGEST_FIELD_V1,
  INGEST_FIELD_V2,
  INGEST_VERSION,
  type IngestDecodeResult,
  type IngestPointVisitor,
  type IngestRejection,
  type IngestRejectionCode,
  type IngestSeries,
  type IngestSkip,
  type IngestSkipCode,
  type PointColumns,
} from './ingestFields.js'
