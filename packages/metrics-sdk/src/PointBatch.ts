import {
  decodeIngestEntryPoints,
  INGEST_FIELD_V2,
  type MetricPoint,
  type PointColumns,
} from '@squeezeflow/core'

type Tags = Readonly<Record<string, string>>

/** Points of one service taken from the buffer, still by column: the encoder writes them without objects. */
export class PointBatch implements PointColumns {
  readonly service: string
  readonly names: string[]
  readonly units: string[]
  readonly tags: Tags[]
  readonly values: Float64Array
  readonly timestamps: Float64Array

  constructor(service: string, length: number) {
    this.service = service
    this.names = new Array<string>(length)
    this.units = new Array<string>(length)
    this.tags = new Array<Tags>(length)
    this.values = new Float64Array(length)
    this.timestamps = new Float64Array(length)
  }

  get length(): number {
    return this.names.length
  }

  set(k: number, name: string, value: number, unit: string, tags: Tags, timestamp: number): void {
    this.names[k] = name
    this.values[k] = value
    this.units[k] = unit
    this.tags[k] = tags
    this.timestamps[k] = timestamp
  }

  /** The points of v2 entries written earlier, oldest first: a failed round trip's, to go back into the buffer. */
  static decode(service: string, entries: readonly string[]): PointBatch {
    return PointBatch.of(
      service,
      entries.flatMap((entry) => decodeIngestEntryPoints({ [INGEST_FIELD_V2]: entry }).points),
    )
  }

  /** A batch of `points` (all of `service`), e.g. the self-report's few points, encoded as an entry of their own. */
  static of(service: string, points: readonly MetricPoint[]): PointBatch {
    const batch = new PointBatch(service, points.length)
    for (const [k, p] of points.entries()) batch.set(k, p.metric_name, p.value, p.unit, p.tags, p.timestamp)
    return batch
  }

  /** As MetricPoint objects, for inspection and tests. */
  toPoints(): MetricPoint[] {
    return Array.from({ length: this.length }, (_, k) => {
      const [metric_name, value, unit, tags, timestamp] = this.#row(k)
      return { metric_name, value, unit, service: this.service, tags, timestamp }
    })
  }

  #row(k: number): [string, number, string, Tags, number] {
    return [
      this.names[k] as string,
      this.values[k] as number,
      this.units[k] as string,
      this.tags[k] as Tags,
      this.timestamps[k] as number,
    ]
  }
}
