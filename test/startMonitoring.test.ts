import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getFreePort } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The operator's start command in local mode, as a fresh machine runs it: it must bring both services up
// (starting a private redis-server, since nothing answers on the port we give it) and stop them again.
describe('scripts/start_monitoring.sh --local', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'sf-start-'))
  let env: NodeJS.ProcessEnv
  let healthPort: number
  let perfPort: number

  const script = (...args: string[]) =>
    spawnSync('./scripts/start_monitoring.sh', args, { env, encoding: 'utf8', timeout: 300_000 })

  beforeAll(async () => {
    healthPort = await getFreePort()
    perfPort = await getFreePort()
    env = {
      ...process.env,
      SQUEEZEFLOW_RUN_DIR: runDir,
      HEALTH_MONITOR_PORT: String(healthPort),
      PERFORMANCE_MONITOR_PORT: String(perfPort),
      REDIS_HOST: '127.0.0.1',
      REDIS_PORT: String(await getFreePort()),
    }
  })

  afterAll(() => {
    script('--stop')
    rmSync(runDir, { recursive: true, force: true })
  })

  it('brings both services up, their liveness endpoints answer 200, and --stop stops them', async () => {
    const started = script('--local', '--detach')
    expect(started.status, started.stderr).toBe(0)
    expect(started.stdout).toContain(`http://127.0.0.1:${healthPort}/health`)

    for (const port of [healthPort, perfPort]) {
      const response = await fetch(`http://127.0.0.1:${port}/livez`)
      expect(response.status).toBe(200)
    }

    const stopped = script('--stop')
    expect(stopped.status, stopped.stderr).toBe(0)
    for (const port of [healthPort, perfPort]) {
      await expect(fetch(`http://127.0.0.1:${port}/livez`)).rejects.toThrow()
    }
  })
})
