import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { readPackageVersion } from './readPackageVersion.js'

describe('readPackageVersion', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  const app = () => {
    const root = mkdtempSync(join(tmpdir(), 'pkg-'))
    dirs.push(root)
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'app', version: '1.2.3' }))
    mkdirSync(join(root, 'dist', 'bundle'), { recursive: true })
    return root
  }

  it('finds the package.json above a module at any depth', () => {
    const root = app()
    expect(readPackageVersion(pathToFileURL(join(root, 'dist', 'main.js')))).toBe('1.2.3')
    expect(readPackageVersion(pathToFileURL(join(root, 'dist', 'bundle', 'main.mjs')).href)).toBe('1.2.3')
  })

  it('names the file when it has no version', () => {
    const root = app()
    writeFileSync(join(root, 'dist', 'package.json'), '{"type":"module"}')
    expect(() => readPackageVersion(pathToFileURL(join(root, 'dist', 'main.js')))).toThrow(
      `${join(root, 'dist', 'package.json')} has no version`,
    )
  })
})
