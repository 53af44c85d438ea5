import { describe, expect, it } from 'vitest'
import { createBacklogEntryLimit } from './backlogEntryLimit.js'

const MB = 1024 * 1024

describe('createBacklogEntryLimit', () => {
  it('keeps as many entries as fit the byte budget', () => {
    const limit = createBacklogEntryLimit(64 * MB, 100_000)
    // 16 KB payloads (plus 64 bytes of Redis overhead each): 4,080 of them fit 64 MB.
    expect(limit.next(16 * 1024)).toBe(4080)
  })

  it('never goes above the entry cap, nor below one entry', () => {
    expect(createBacklogEntryLimit(64 * MB, 10_000).next(100)).toBe(10_000)
    expect(createBacklogEntryLimit(MB, 10_000).next(10 * MB)).toBe(1)
  })

  it('follows a change of entry size gradually', () => {
    const limit = createBacklogEntryLimit(64 * MB, 1_000_000)
    const small = limit.next(1000)
    const afterOneLarge = limit.next(100_000)
    let settled = afterOneLarge
    for (let i = 0; i < 50; i++) settled = limit.next(100_000)
    expect(afterOneLarge).toBeLessThan(small)
    expect(afterOneLarge).toBeGreaterThan(settled)
    expect(settled).toBe(Math.floor((64 * MB) / 100_064))
  })
})
