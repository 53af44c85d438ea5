import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHostProbe } from '../src/host/index.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A directory laid out like /proc with the files the probe reads. */
function fakeProc(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'proc-'))
  dirs.push(root)
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true })
    writeFileSync(join(root, name), text)
  }
  return root
}

const cpuLine = (busy: number, idle: number) => `cpu  ${busy} 0 0 ${idle} 0 0 0 0 0 0\n`

describe('createHostProbe on this machine', () => {
  it("reads the kernel's figures", async () => {
    const probe = createHostProbe()
    const memory = await probe.memory()
    expect(memory.totalBytes).toBe(totalmem())
    expect(memory.percent).toBeGreaterThan(0)
    expect(memory.percent).toBeLessThan(100)
    const net = await probe.networkTotals()
    expect(net.rxBytes).toBeGreaterThanOrEqual(0)
    const first = await probe.cpuPercent()
    expect(first).toBeGreaterThanOrEqual(0)
    expect(first).toBeLessThanOrEqual(100)
    const until = Date.now() + 100
    while (Date.now() < until); // keeps one core busy until the next reading
    expect(await probe.cpuPercent()).toBeGreaterThan(0)
  })

  it('falls back to node-os-utils where there is no /proc', async () => {
    const probe = createHostProbe({ procRoot: fakeProc({}) })
    expect((await probe.memory()).totalBytes).toBeGreaterThan(0)
    expect(await probe.cpuPercent()).toBeGreaterThanOrEqual(0)
  })
})

describe('createHostProbe with a given /proc', () => {
  it('reports CPU busy since the previous reading', async () => {
    const root = fakeProc({ stat: cpuLine(100, 900) })
    const probe = createHostProbe({ procRoot: root })
    // No tick between the first reading's two looks: nothing known yet.
    expect(await probe.cpuPercent()).toBe(0)
    writeFileSync(join(root, 'stat'), cpuLine(125, 975))
    expect(await probe.cpuPercent()).toBe(25)
    // No tick since: the last figure stands.
    expect(await probe.cpuPercent()).toBe(25)
    writeFileSync(join(root, 'stat'), cpuLine(225, 975))
    expect(await probe.cpuPercent()).toBe(100)
  })

  it('fails one figure alone, naming it', async () => {
    const probe = createHostProbe({ procRoot: fakeProc({ stat: cpuLine(1, 1), 'net/dev': 'a\nb\n' }) })
    await expect(probe.memory()).rejects.toThrow(/^memory unavailable: .*ENOENT/)
    expect(await probe.networkTotals()).toEqual({ rxBytes: 0, txBytes: 0 })
  })
})
