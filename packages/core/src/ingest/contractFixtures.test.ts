import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { validateStoredAlertRule } from '../alertRules/validateStoredAlertRule.js'
import type { MetricPoint } from '../metricPoint.js'
import { AlertDefinitionError, validatePerformanceAlert } from '../performanceAlert.js'
import { decodeIngestEntry, decodeIngestEntryPoints } from './decodeIngestEntry.js'
import { encodeColumnarBatch } from './encodeColumnarBatch.js'
import type { IngestRejectionCode, IngestSkipCode } from './ingestFields.js'

/** The golden fixtures that the Python client's tests read too. */
const FIXTURES = fileURLToPath(new URL('../../../../docs/contracts/fixtures/', import.meta.url))

interface IngestFixture {
  description: string
  fields: Record<string, string>
  expect:
    | { points: MetricPoint[]; skipped: Array<{ index: number; code: IngestSkipCode }> }
    | { rejected: IngestRejectionCode }
}

interface AlertRuleFixture {
  description: string
  rule: Record<string, unknown>
  expect?: Record<string, unknown>
  error_field?: string
}

function load<T>(folder: string): Array<[string, T]> {
  const dir = join(FIXTURES, folder)
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => [name, JSON.parse(readFileSync(join(dir, name), 'utf8')) as T])
}

describe('ingest contract fixtures', () => {
  const fixtures = load<IngestFixture>('ingest')

  it('covers v2, v1 and every rejection', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20)
  })

  it.each(fixtures)('%s', (_name, fixture) => {
    const decoded = decodeIngestEntryPoints(fixture.fields)
    if ('rejected' in fixture.expect) {
      expect(decoded.rejected?.code).toBe(fixture.expect.rejected)
      expect(decoded.points).toEqual([])
      return
    }
    expect(decoded.rejected).toBeUndefined()
    expect(decoded.points).toEqual(fixture.expect.points)
    expect(decoded.skipped.map(({ index, code }) => ({ index, code }))).toEqual(fixture.expect.skipped)
  })

  it.each(fixtures.filter(([, f]) => 'points' in f.expect))(
    '%s survives encode → decode',
    (_name, fixture) => {
      const points = (fixture.expect as { points: MetricPoint[] }).points
      if (points.length === 0 || new Set(points.map((p) => p.service)).size > 1) return
      const text = encodeColumnarBatch(points[0]?.service as string, {
        length: points.length,
        names: points.map((p) => p.metric_name),
        units: points.map((p) => p.unit),
        tags: points.map((p) => p.tags),
        values: points.map((p) => p.value),
        timestamps: points.map((p) => p.timestamp),
      })
      expect(decodeIngestEntryPoints({ c: text })).toEqual({ points, skipped: [], rejected: undefined })
    },
  )

  it('hands points to the visitor with one shared series object per series', () => {
    const [, basic] = fixtures.find(([name]) => name === 'v2-basic.json') as [string, IngestFixture]
    const seen: unknown[] = []
    const result = decodeIngestEntry(basic.fields, (series) => seen.push(series))
    expect(result).toEqual({ rejected: undefined, points: 3, skipped: 0 })
    expect(seen[0]).toBe(seen[2])
    expect(seen[0]).not.toBe(seen[1])
  })
})

describe('alert rule contract fixtures', () => {
  const fixtures = load<AlertRuleFixture>('alert-rules')

  it('has valid and invalid rules', () => {
    expect(fixtures.filter(([, f]) => f.expect).length).toBeGreaterThanOrEqual(3)
    expect(fixtures.filter(([, f]) => f.error_field).length).toBeGreaterThanOrEqual(10)
  })

  it.each(fixtures)('%s', (_name, fixture) => {
    if (fixture.expect !== undefined) {
      expect(validateStoredAlertRule(fixture.rule)).toEqual(fixture.expect)
      return
    }
    expect(() => validateStoredAlertRule(fixture.rule)).toThrow(AlertDefinitionError)
    expect(() => validateStoredAlertRule(fixture.rule)).toThrow(
      `performance alert ${fixture.error_field} must be`,
    )
  })

  /** PerformanceAlert's own fields; the others only the stored-rule check knows. */
  const OWN = [
    'metric_name',
    'threshold_value',
    'comparison',
    'duration_seconds',
    'severity',
    'message_template',
    'enabled',
  ]

  it.each(fixtures)('%s: its PerformanceAlert fields, through validatePerformanceAlert', (_name, fixture) => {
    if (fixture.expect !== undefined) {
      const own = Object.entries(fixture.expect).filter(([key]) => OWN.includes(key))
      expect(validatePerformanceAlert(fixture.rule)).toEqual(Object.fromEntries(own))
    } else if (OWN.includes(fixture.error_field as string) && fixture.rule.scope !== 'health') {
      expect(() => validatePerformanceAlert(fixture.rule)).toThrow(
        `performance alert ${fixture.error_field} must be`,
      )
    } else {
      // name, match, scope, added_by, updated_at, or a health rule's metric_name.
      expect(validatePerformanceAlert(fixture.rule).metric_name).toBe(fixture.rule.metric_name)
    }
  })
})
