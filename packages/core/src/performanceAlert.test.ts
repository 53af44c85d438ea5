import { describe, expect, it } from 'vitest'
import { compareToThreshold, renderAlertMessage, validatePerformanceAlert } from './performanceAlert.js'

const valid = {
  metric_name: 'signal_processing_time_ms',
  threshold_value: 1000,
  comparison: 'gt',
  duration_seconds: 60,
  severity: 'warning',
  message_template: 'Signal processing took {value} ms (> {threshold} ms) for {duration} s',
}

describe('validatePerformanceAlert', () => {
  it('accepts a complete definition and enables it by default', () => {
    expect(validatePerformanceAlert(valid)).toEqual({ ...valid, enabled: true })
  })

  it.each([
    [{ metric_name: 'bad name' }, /metric_name must be a name matching/],
    [{ threshold_value: Number.NaN }, /threshold_value must be a finite number/],
    [{ comparison: 'above' }, /comparison must be one of gt, gte, lt, lte, eq, got "above"/],
    [{ duration_seconds: -1 }, /duration_seconds must be a number >= 0/],
    [{ severity: 'fatal' }, /severity must be one of info, warning, critical/],
    [{ message_template: ' ' }, /message_template must be a non-empty string/],
    [{ enabled: 'yes' }, /enabled must be a boolean/],
  ])('rejects %j with a message naming the field', (override, message) => {
    expect(() => validatePerformanceAlert({ ...valid, ...override })).toThrow(message)
  })

  it('rejects something that is not an object', () => {
    expect(() => validatePerformanceAlert(null)).toThrow(/definition must be an object/)
  })
})

describe('compareToThreshold', () => {
  it.each([
    ['gt', 5, 4, true],
    ['gt', 4, 4, false],
    ['gte', 4, 4, true],
    ['lt', 3, 4, true],
    ['lte', 5, 4, false],
    ['eq', 4, 4, true],
  ] as const)('%s: %d vs %d is %s', (comparison, value, threshold, expected) => {
    expect(compareToThreshold(value, comparison, threshold)).toBe(expected)
  })
})

describe('renderAlertMessage', () => {
  it('fills every placeholder, rounding fractions to two places', () => {
    expect(
      renderAlertMessage(valid.message_template, { value: 1234.5678, threshold: 1000, durationSeconds: 60 }),
    ).toBe('Signal processing took 1234.57 ms (> 1000 ms) for 60 s')
  })
})
