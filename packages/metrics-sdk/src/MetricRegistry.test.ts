import { describe, expect, it } from 'vitest'
import { type MetricEntry, MetricRegistry } from './MetricRegistry.js'
import { Rejection } from './Rejection.js'

function entry(registry: MetricRegistry, name: string): MetricEntry {
  const result = registry.metric(name)
  if (result instanceof Rejection) throw new Error(result.reason)
  return result
}

describe('MetricRegistry', () => {
  const limits = { maxMetrics: 3, maxTagSetsPerMetric: 2 }

  it('rejects bad metric names with the rule they break', () => {
    const registry = new MetricRegistry(limits)
    const rejection = registry.metric('signal time')
    expect(rejection).toBeInstanceOf(Rejection)
    expect((rejection as Rejection).reason).toBe(
      'metric name "signal time" must match /^[a-zA-Z_][a-zA-Z0-9_.]{0,127}$/',
    )
    expect((rejection as Rejection).isLimit).toBe(false)
    expect(registry.size).toBe(0)
  })

  it('rejects bad tags with a message naming the metric and tag', () => {
    const registry = new MetricRegistry(limits)
    const metric = entry(registry, 'latency_ms')
    const reason = (tags: Record<string, string>) => (registry.tags(metric, tags) as Rejection).reason
    expect(reason({ 'bad-key': 'x' })).toBe(
      'metric latency_ms: tag key "bad-key" must match /^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/',
    )
    expect(reason({ symbol: 'x'.repeat(129) })).toBe(
      'metric latency_ms: tag symbol must be a string of at most 128 characters',
    )
    expect(reason({ symbol: 7 as unknown as string })).toBe(
      'metric latency_ms: tag symbol must be a string, got number',
    )
    const nine = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`t${i}`, 'v']))
    expect(reason(nine)).toBe('metric latency_ms: at most 8 tags, got 9')
  })

  it('bounds tag cardinality per metric; one set in any key order counts once', () => {
    const registry = new MetricRegistry(limits)
    const metric = entry(registry, 'latency_ms')
    const btc = registry.tags(metric, { symbol: 'BTC', side: 'buy' })
    expect(registry.tags(metric, { side: 'buy', symbol: 'BTC' })).toBe(btc)
    expect(registry.tags(metric, { symbol: 'ETH', side: 'buy' })).not.toBeInstanceOf(Rejection)
    const third = registry.tags(metric, { symbol: 'SOL', side: 'buy' }) as Rejection
    expect(third.reason).toBe('metric latency_ms: tag cardinality limit of 2 distinct tag sets reached')
    expect(third.isLimit).toBe(true)
    // Known sets still pass, and another metric has its own budget.
    expect(registry.tags(metric, { symbol: 'BTC', side: 'buy' })).toBe(btc)
    expect(registry.tags(entry(registry, 'other'), { symbol: 'SOL' })).not.toBeInstanceOf(Rejection)
  })

  it('shares a frozen copy, so mutating the caller object does not change recorded tags', () => {
    const registry = new MetricRegistry(limits)
    const metric = entry(registry, 'latency_ms')
    const tags = { symbol: 'BTC' }
    const shared = registry.tags(metric, tags)
    tags.symbol = 'ETH'
    expect(shared).toEqual({ symbol: 'BTC' })
    expect(Object.isFrozen(shared)).toBe(true)
    expect(registry.tags(metric, undefined)).toEqual({})
  })

  it('does not confuse tag sets whose concatenation is the same', () => {
    const registry = new MetricRegistry({ maxMetrics: 1, maxTagSetsPerMetric: 10 })
    const metric = entry(registry, 'm')
    const a = registry.tags(metric, { a: 'b1:c' })
    const b = registry.tags(metric, { a: 'b', c: 'x' })
    expect(a).toEqual({ a: 'b1:c' })
    expect(b).toEqual({ a: 'b', c: 'x' })
  })

  it('tells a set from its subsets and supersets', () => {
    const registry = new MetricRegistry({ maxMetrics: 1, maxTagSetsPerMetric: 10 })
    const metric = entry(registry, 'm')
    expect(registry.tags(metric, { a: '1', b: '2' })).toEqual({ a: '1', b: '2' })
    expect(registry.tags(metric, { a: '1' })).toEqual({ a: '1' })
    expect(registry.tags(metric, { a: '1', b: '2', c: '3' })).toEqual({ a: '1', b: '2', c: '3' })
    expect(registry.tags(metric, {})).toEqual({})
    expect(metric.byCanonicalKey.size).toBe(4)
  })

  it('bounds the number of metric names', () => {
    const registry = new MetricRegistry(limits)
    for (const name of ['a', 'b', 'c']) entry(registry, name)
    const fourth = registry.metric('d') as Rejection
    expect(fourth.reason).toBe('metric d: limit of 3 distinct metric names reached')
    expect(fourth.isLimit).toBe(true)
    expect(registry.metric('a')).not.toBeInstanceOf(Rejection)
  })
})
