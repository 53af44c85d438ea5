import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readLocalRunSettings } from '@squeezeflow/test-harness'
import { describe, expect, it } from 'vitest'

// scripts/lib/local_node_flags gives each monitor outside its container the heap V8 gives it inside: the old
// generation a quarter of the compose `mem_limit`, the semi-space the Dockerfile's where its CMD sets one, else
// the 1 MB V8 takes below 256 MB of old generation; and the environment the Dockerfile sets. These hold the file
// to the compose file and the Dockerfile.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')

const settings = readLocalRunSettings()

/** One monitor's `--flag=value` flags as a map. */
function flagsOf(app: 'health-monitor' | 'performance-monitor'): Record<string, string> {
  return Object.fromEntries(settings.nodeFlags(app).map((flag) => flag.split('=') as [string, string]))
}

function composeMemLimitMb(service: string): number {
  const blocks = read('docker-compose.yml').split(/^ {2}(?=\S[^:]*:\s*$)/m)
  const block = blocks.find((b) => b.startsWith(`${service}:`)) ?? ''
  const limit = /^\s+mem_limit:\s*(\d+)m\s*$/m.exec(block)?.[1]
  if (limit === undefined) throw new Error(`no mem_limit in megabytes for ${service} in docker-compose.yml`)
  return Number(limit)
}

describe('scripts/lib/local_node_flags', () => {
  it.each(['health-monitor', 'performance-monitor'] as const)(
    'gives %s the old generation of its container',
    (app) => {
      expect(flagsOf(app)['--max-old-space-size']).toBe(String(composeMemLimitMb(app) / 4))
    },
  )

  it('sets the environment the Dockerfile sets', () => {
    const assignments = Object.entries(settings.environment).map(([name, value]) => `${name}=${value}`)
    expect(assignments).not.toEqual([])
    const dockerfileEnv = read('Dockerfile')
      .split('\n')
      .filter((l) => l.startsWith('ENV '))
      .flatMap((l) => l.slice(4).split(' '))
    for (const assignment of assignments) expect(dockerfileEnv).toContain(assignment)
  })

  it('gives health-monitor the Dockerfile’s semi-space and performance-monitor V8’s 1 MB', () => {
    const dockerfileSemiSpace = /--max-semi-space-size=(\d+)/.exec(read('Dockerfile'))?.[1]
    expect(dockerfileSemiSpace).toBeDefined()
    expect(flagsOf('health-monitor')['--max-semi-space-size']).toBe(dockerfileSemiSpace)
    expect(flagsOf('performance-monitor')['--max-semi-space-size']).toBe('1')
  })
})
