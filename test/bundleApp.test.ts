import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

// scripts/bundle_app.mjs on a tiny app: it bundles a CommonJS dependency into dist/bundle/main.mjs, and a package
// given to --leave-out loads, but throws naming itself when used (docs/architecture.md "Build").
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '..', 'scripts', 'bundle_app.mjs')
const app = mkdtempSync(join(tmpdir(), 'bundle-app-'))
afterAll(() => rmSync(app, { recursive: true, force: true }))

function file(path: string, text: string) {
  mkdirSync(dirname(join(app, path)), { recursive: true })
  writeFileSync(join(app, path), text)
}

describe('scripts/bundle_app.mjs', () => {
  file('node_modules/greeter/package.json', '{"name":"greeter","main":"index.js"}')
  file(
    'node_modules/greeter/index.js',
    "module.exports = (who) => 'hello ' + who + ' from ' + typeof __dirname",
  )
  file(
    'dist/main.js',
    [
      "import greet from 'greeter'",
      "import unused from 'never-reached'",
      'console.log(greet("bundle"))',
      'try { new unused.Client().connect() } catch (err) { console.log(err.message) }',
    ].join('\n'),
  )

  it('bundles the app and stands in for what is left out', () => {
    execFileSync(process.execPath, [SCRIPT, '--leave-out=never-reached'], { cwd: app })
    rmSync(join(app, 'node_modules'), { recursive: true })
    const output = execFileSync(process.execPath, [join(app, 'dist', 'bundle', 'main.mjs')], {
      encoding: 'utf8',
    })
    expect(output.split('\n')).toEqual([
      'hello bundle from string',
      'never-reached is left out of this bundle (scripts/bundle_app.mjs --leave-out)',
      '',
    ])
  })
})
