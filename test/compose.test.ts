import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type DockerDaemon, getFreePort, startDockerd, waitFor } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mustRun, run } from './support/run.js'

// The operator's docker path, end to end, against a private dockerd: `start_monitoring.sh --docker` builds both
// images from the project's Dockerfile and brings docker-compose.yml up, both unchanged; the base images are
// local stand-ins (no registry here). Only variables of the compose file differ from an operator's run (host
// ports, project name); the script derives the socket path and its gid from DOCKER_HOST itself.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const MONITORS = ['health-monitor', 'performance-monitor'] as const
const DASHBOARD_KEY = 'squeezeflow:dashboard:performance'
const HEALTH_STATUSES = ['healthy', 'degraded', 'unhealthy', 'critical', 'unknown']
const MINUTE = 60_000

describe('docker mode: images, docker-compose.yml, start_monitoring.sh --docker', () => {
  const project = `sqfcompose${process.pid}`
  const runDir = mkdtempSync(join(tmpdir(), 'sf-compose-'))
  let docker: DockerDaemon | undefined
  let env: NodeJS.ProcessEnv
  let healthPort: number

  const script = (args: string[], timeoutMs = 2 * MINUTE, scriptEnv = env) =>
    run(join(ROOT, 'scripts/start_monitoring.sh'), args, { env: scriptEnv, timeoutMs })
  const compose = (args: string[]) => mustRun('docker-compose', args, { env, cwd: ROOT })
  const inspect = async (service: string, format: string) => {
    const id = (await compose(['ps', '-q', service])).trim()
    return (await mustRun('docker', ['inspect', '--format', format, id], { env })).trim()
  }

  beforeAll(async () => {
    docker = await startDockerd({
      storageDriver: 'overlay2',
      // Published ports (the compose file's host ports) answer only through docker-proxy here.
      userlandProxy: true,
    })
    healthPort = await getFreePort()
    env = {
      ...process.env,
      DOCKER_HOST: docker.dockerHost,
      // The legacy builder: this engine has no buildx, and a CI environment must not switch BuildKit on.
      DOCKER_BUILDKIT: '0',
      // Only the project's compose file, never an operator's docker-compose.override.yml.
      COMPOSE_FILE: 'docker-compose.yml',
      COMPOSE_PROJECT_NAME: project,
      SQUEEZEFLOW_RUN_DIR: runDir,
      HEALTH_MONITOR_HOST_PORT: String(healthPort),
      PERFORMANCE_MONITOR_HOST_PORT: String(await getFreePort()),
      SQUEEZEFLOW_IMAGE_TAG: 'compose-test',
      DASHBOARD_UPDATE_INTERVAL: '5',
    }
    for (const name of ['DOCKER_SOCKET_PATH', 'DOCKER_GID', 'DOCKER_CONTEXT']) delete env[name]
    await mustRun(join(ROOT, 'tools/standin-images/build.sh'), [], { env, timeoutMs: 10 * MINUTE })
  }, 12 * MINUTE)

  afterAll(async () => {
    if (docker !== undefined) {
      await run('docker-compose', ['down', '-v', '--remove-orphans'], { env, cwd: ROOT })
      await docker.stop()
    }
    rmSync(runDir, { recursive: true, force: true })
  }, 2 * MINUTE)

  it(
    '--docker builds both images, starts the stack and returns once both monitors are healthy',
    async () => {
      const started = await script(['--docker'], 20 * MINUTE)
      expect(started.code, started.stderr).toBe(0)
      expect(started.stdout).toContain(`http://127.0.0.1:${healthPort}/health`)
      expect(started.stderr).toMatch(/health-monitor: healthy/)
      for (const service of [...MONITORS, 'redis', 'aggr-influx']) {
        expect(await inspect(service, '{{.State.Status}} {{.State.Health.Status}}')).toBe('running healthy')
      }
      expect(await inspect('health-monitor', '{{.Config.User}}')).toBe('node')
    },
    21 * MINUTE,
  )

  it('ships small images: production dependencies and dist on top of the Node base', async () => {
    const sizeOf = async (image: string) =>
      Number(await mustRun('docker', ['image', 'inspect', '--format', '{{.Size}}', image], { env }))
    const base = await sizeOf('node:20-bookworm-slim')
    for (const app of MONITORS) {
      const added = (await sizeOf(`squeezeflow/${app}:compose-test`)) - base
      console.info(`${app}: ${Math.round(added / 1e6)} MB on top of node:20-bookworm-slim`)
      // A copy of the workspace or its dev tools (typescript, vitest, turbo, biome) would be far larger.
      expect(added).toBeLessThan(100e6)
    }
  })

  it('health-monitor answers /health through the published port', async () => {
    const response = await fetch(`http://127.0.0.1:${healthPort}/health`)
    // No aggr-server or strategy runner in this stack, so 503 is the honest answer.
    expect([200, 503]).toContain(response.status)
    const body = (await response.json()) as {
      status: string
      timestamp: string
      services: Record<string, string>
    }
    expect(HEALTH_STATUSES).toContain(body.status)
    expect(Number.isNaN(Date.parse(body.timestamp))).toBe(false)
    expect(Object.keys(body.services)).toEqual(expect.arrayContaining(['redis', 'influxdb']))
    for (const status of Object.values(body.services)) expect(HEALTH_STATUSES).toContain(status)
    // Reached through the compose network by service name.
    expect(['healthy', 'degraded']).toContain(body.services.redis)
    // The script gave the container the host socket and its group: recovery can use Docker.
    const status = (await (await fetch(`http://127.0.0.1:${healthPort}/status`)).json()) as {
      recovery: { available: boolean; reason?: string } | null
    }
    expect(status.recovery, JSON.stringify(status.recovery)).toMatchObject({ available: true })
  })

  it(
    'performance-monitor publishes its dashboard in the stack Redis',
    async () => {
      const dashboard = await waitFor(
        async () =>
          (await compose(['exec', '-T', 'redis', 'redis-cli', '--raw', 'GET', DASHBOARD_KEY])).trim(),
        { timeoutMs: MINUTE, intervalMs: 2000, description: `${DASHBOARD_KEY} in Redis` },
      )
      expect(JSON.parse(dashboard)).toBeTypeOf('object')
    },
    2 * MINUTE,
  )

  it('--status reports each service healthy', async () => {
    const status = await script(['--status'])
    expect(status.code, status.stderr).toBe(0)
    for (const service of [...MONITORS, 'redis', 'aggr-influx']) {
      expect(status.stdout).toContain(`${service}: running, health healthy`)
    }
  })

  it(
    'docker-compose stop stops both monitors cleanly (SIGTERM, exit code 0), and --stop the rest',
    async () => {
      await compose(['stop', ...MONITORS])
      for (const service of MONITORS) {
        expect(await inspect(service, '{{.State.Status}} {{.State.ExitCode}} {{.State.OOMKilled}}')).toBe(
          'exited 0 false',
        )
      }
      const stopped = await script(['--stop'])
      expect(stopped.code, stopped.stderr).toBe(0)
      for (const service of ['redis', 'aggr-influx']) {
        expect(await inspect(service, '{{.State.Status}}')).toBe('exited')
      }
    },
    2 * MINUTE,
  )

  it(
    '--external runs only the monitors, on an existing stack network, against its redis and aggr-influx',
    async () => {
      // A stand-in for the trading stack: its own network, its services reachable by their documented names.
      const network = `${project}-trading`
      const stackRedis = `${project}-stack-redis`
      await mustRun('docker', ['network', 'create', network], { env })
      const runOnStack = (name: string, alias: string, args: string[]) =>
        mustRun(
          'docker',
          ['run', '-d', '--name', name, '--network', network, '--network-alias', alias, ...args],
          { env },
        )
      await runOnStack(stackRedis, 'redis', ['redis:7-bookworm'])
      await runOnStack(`${project}-stack-influx`, 'aggr-influx', [
        '-e',
        'INFLUXDB_DB=significant_trades',
        'influxdb:1.8',
      ])
      const externalEnv: NodeJS.ProcessEnv = { ...env, TRADING_STACK_NETWORK: network }
      delete externalEnv.COMPOSE_FILE

      const started = await script(['--external'], 10 * MINUTE, externalEnv)
      expect(started.code, started.stderr).toBe(0)
      expect(started.stderr).not.toMatch(/starting redis/)
      const response = await fetch(`http://127.0.0.1:${healthPort}/health`)
      const body = (await response.json()) as { services: Record<string, string> }
      expect(['healthy', 'degraded']).toContain(body.services.redis)
      const exists = ['exec', stackRedis, 'redis-cli', '--raw', 'EXISTS', DASHBOARD_KEY]
      await waitFor(async () => (await mustRun('docker', exists, { env })).trim() === '1', {
        timeoutMs: MINUTE,
        intervalMs: 2000,
        description: `${DASHBOARD_KEY} in the stack's Redis`,
      })

      const stopped = await script(['--stop'], 2 * MINUTE, externalEnv)
      expect(stopped.code, stopped.stderr).toBe(0)
      for (const service of MONITORS) {
        expect(await inspect(service, '{{.State.Status}} {{.State.ExitCode}}')).toBe('exited 0')
      }
    },
    12 * MINUTE,
  )
})
