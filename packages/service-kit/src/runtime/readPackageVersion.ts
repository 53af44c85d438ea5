import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The `version` of the nearest package.json at or above `moduleUrl`'s directory: the app's own, whether it runs
 * from `src/`, `dist/` or the bundle in `dist/bundle/` (docs/architecture.md "Build"), which sit at different
 * depths. Throws, naming where it looked, when there is none.
 */
export function readPackageVersion(moduleUrl: string | URL): string {
  const start = dirname(fileURLToPath(moduleUrl))
  for (let dir = start; ; dir = dirname(dir)) {
    const text = readOptional(join(dir, 'package.json'))
    if (text !== undefined) {
      const { version } = JSON.parse(text) as { version?: unknown }
      if (typeof version !== 'string') throw new Error(`${join(dir, 'package.json')} has no version`)
      return version
    }
    if (dirname(dir) === dir) throw new Error(`no package.json at or above ${start}`)
  }
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
}
