import { describe, expect, it } from 'vitest'
import { backlogTrimTarget } from './backlogTrimTarget.js'

const MB = 1024 * 1024

describe('backlogTrimTarget', () => {
  it('leaves a stream under the cap alone', () => {
    expect(backlogTrimTarget({ bytes: 10 * MB, entries: 500 }, 64 * MB)).toBeUndefined()
    expect(backlogTrimTarget({ bytes: 64 * MB, entries: 500 }, 64 * MB)).toBeUndefined()
  })

  it('keeps the share of entries that fits 90 % of the cap', () => {
    // 128 MB in 1000 entries: 128 KB each; 0.9 × 64 MB holds 450 of them.
    expect(backlogTrimTarget({ bytes: 128 * MB, entries: 1000 }, 64 * MB)).toBe(450)
  })

  it('can trim to nothing when a single entry is larger than the cap', () => {
    expect(backlogTrimTarget({ bytes: 10 * MB, entries: 1 }, MB)).toBe(0)
  })

  it('ignores an empty stream', () => {
    expect(backlogTrimTarget({ bytes: 2 * MB, entries: 0 }, MB)).toBeUndefined()
  })
})
