import { metricPointProblem } from '@squeezeflow/core'
import { Rejection } from './Rejection.js'

export type Tags = Readonly<Record<string, string>>

/**
 * A trie over (key, value) pairs in the caller's key order: finding a known tag set costs two Map look-ups
 * per tag on strings whose hashes V8 has cached, and builds no string.
 */
interface TagNode {
  readonly next: Map<string, Map<string, TagNode>>
  /** The frozen set that ends here, once accepted. */
  tags: Tags | undefined
}

/** One accepted metric name and the tag sets seen with it. */
export interface MetricEntry {
  readonly name: string
  readonly root: TagNode
  /** Distinct tag sets (sorted keys) → the frozen object points share; its size is the metric's cardinality. */
  readonly byCanonicalKey: Map<string, Tags>
  /** Trie paths, i.e. spellings (key orders) of accepted sets. */
  spellings: number
}

export interface MetricRegistryLimits {
  /** Distinct metric names accepted; later names are rejected. */
  readonly maxMetrics: number
  /** Distinct tag sets accepted per metric; later sets are rejected. */
  readonly maxTagSetsPerMetric: number
}

const EMPTY_TAGS: Tags = Object.freeze({})

/**
 * Validates metric names and tag sets once, then remembers them, so the hot path is two Map look-ups.
 * Accepted tag sets are copied and frozen: points share them and a caller mutating its object later
 * cannot change what was recorded. Methods return a Rejection instead of throwing.
 */
export class MetricRegistry {
  readonly #limits: MetricRegistryLimits
  readonly #metrics = new Map<string, MetricEntry>()

  constructor(limits: MetricRegistryLimits) {
    this.#limits = limits
  }

  get size(): number {
    return this.#metrics.size
  }

  metric(name: string): MetricEntry | Rejection {
    const known = this.#metrics.get(name)
    if (known !== undefined) return known
    if (typeof name !== 'string') return new Rejection(`metric name must be a string, got ${typeof name}`)
    const problem = metricPointProblem({
      metric_name: name,
      value: 0,
      unit: '',
      service: '',
      tags: {},
      timestamp: 0,
    })
    if (problem !== undefined) return new Rejection(problem)
    if (this.#metrics.size >= this.#limits.maxMetrics) {
      return new Rejection(
        `metric ${name}: limit of ${this.#limits.maxMetrics} distinct metric names reached`,
        true,
      )
    }
    const entry: MetricEntry = { name, root: newNode(), byCanonicalKey: new Map(), spellings: 0 }
    this.#metrics.set(name, entry)
    return entry
  }

  tags(entry: MetricEntry, tags: Record<string, string> | undefined): Tags | Rejection {
    if (tags === undefined) return EMPTY_TAGS
    let node: TagNode | undefined = entry.root
    for (const key in tags) {
      const value = tags[key]
      if (typeof value !== 'string') {
        return new Rejection(`metric ${entry.name}: tag ${key} must be a string, got ${typeof value}`)
      }
      node = node.next.get(key)?.get(value)
      if (node === undefined) return this.#admit(entry, tags)
    }
    return node.tags ?? this.#admit(entry, tags)
  }

  #admit(entry: MetricEntry, tags: Record<string, string>): Tags | Rejection {
    const keys = Object.keys(tags).sort()
    // Length-prefixed, so no key or value can make two different sets spell the same.
    const canonicalKey = keys.map((key) => `${key.length}:${key}${tags[key]?.length}:${tags[key]}`).join('')
    let frozen = entry.byCanonicalKey.get(canonicalKey)
    if (frozen === undefined) {
      const problem = metricPointProblem({
        metric_name: entry.name,
        value: 0,
        unit: '',
        service: '',
        tags,
        timestamp: 0,
      })
      if (problem !== undefined) return new Rejection(problem)
      if (entry.byCanonicalKey.size >= this.#limits.maxTagSetsPerMetric) {
        const limit = this.#limits.maxTagSetsPerMetric
        return new Rejection(
          `metric ${entry.name}: tag cardinality limit of ${limit} distinct tag sets reached`,
          true,
        )
      }
      frozen = Object.freeze(Object.fromEntries(keys.map((key) => [key, tags[key] as string])))
      entry.byCanonicalKey.set(canonicalKey, frozen)
    }
    // Spellings of one set are at most (tags per point)! in theory, a few in practice; bound them anyway.
    if (entry.spellings < 4 * this.#limits.maxTagSetsPerMetric) {
      entry.spellings++
      addSpelling(entry.root, tags, frozen)
    }
    return frozen
  }
}

/** Adds the path of `tags`, in their key order, ending at `frozen`. */
function addSpelling(root: TagNode, tags: Record<string, string>, frozen: Tags): void {
  let node = root
  for (const key in tags) {
    const value = tags[key] as string
    const byValue = node.next.get(key) ?? new Map<string, TagNode>()
    node.next.set(key, byValue)
    const child = byValue.get(value) ?? newNode()
    byValue.set(value, child)
    node = child
  }
  node.tags = frozen
}

function newNode(): TagNode {
  return { next: new Map(), tags: undefined }
}
