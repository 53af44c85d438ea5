import { describe, expect, it } from 'vitest'
import { createProcessProbe } from './createProcessProbe.js'

describe('createProcessProbe', () => {
  it("reads this process's CPU since the previous reading from Node's accounting", async () => {
    let cpuMicros = 0
    let nowMs = 0
    const probe = createProcessProbe({
      ownPid: 42,
      ownUsage: () => ({ cpuMicros, rssBytes: 50 * 1024 * 1024 }),
      monotonicMs: () => nowMs,
    })
    // The first figure is the average since the process started.
    cpuMicros = 1_000_000
    nowMs = 4000
    expect(await probe.usage(42)).toEqual({ cpuPercent: 25, memoryBytes: 50 * 1024 * 1024 })
    cpuMicros += 500_000
    nowMs += 5000
    expect((await probe.usage(42)).cpuPercent).toBe(10)
    expect((await probe.usage(42)).cpuPercent).toBe(0)
    probe.close()
  })

  it('reads another process through pidusage', async () => {
    const probe = createProcessProbe({ ownPid: -1 })
    const usage = await probe.usage(process.pid)
    expect(usage.memoryBytes).toBeGreaterThan(0)
    expect(usage.cpuPercent).toBeGreaterThanOrEqual(0)
    probe.close()
  })
})
