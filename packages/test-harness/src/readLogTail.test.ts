import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readLogTail } from './readLogTail.js'

describe('readLogTail', () => {
  const dir = mkdtempSync(join(tmpdir(), 'logtail-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('returns the last lines without the trailing newline', () => {
    const path = join(dir, 'a.log')
    writeFileSync(path, `${Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n')}\n`)
    const tail = readLogTail(path, 3)
    expect(tail).toBe('line 27\nline 28\nline 29')
  })

  it('says so when the log is empty or missing', () => {
    const path = join(dir, 'empty.log')
    writeFileSync(path, '')
    expect(readLogTail(path)).toBe('(log empty)')
    expect(readLogTail(join(dir, 'missing.log'))).toMatch(/^\(log unreadable: ENOENT/)
  })
})
