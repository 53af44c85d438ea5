import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { getFreePort, type RedisServer, startRedis, waitFor } from '@squeezeflow/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mustRun } from './support/run.js'
import { type StartedProcess, startProcess } from './support/startProcess.js'

// deploy/prometheus: the files pass promtool, and a real Prometheus (Debian's) loads the rule file and scrapes
// both monitors, started here as processes against a real redis-server.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const DEPLOY = join(ROOT, 'deploy/prometheus')
const JOBS = {
  'squeezeflow-health-monitor': 'health-monitor',
  'squeezeflow-performance-monitor': 'performance-monitor',
} as const

describe('deploy/prometheus files', () => {
  it('pass promtool check config, check rules and the rule unit tests', async () => {
    await mustRun('promtool', ['check', 'config', join(DEPLOY, 'prometheus.yml')])
    await mustRun('promtool', ['check', 'rules', join(DEPLOY, 'alerts.rules.yml')])
    await mustRun('promtool', ['test', 'rules', join(DEPLOY, 'alerts.test.yml')])
  })
})

/** Waits until `url` answers 2xx; fails with the tail of the process's log. */
async function waitUntilOk(proc: StartedProcess, url: string, timeoutMs: number): Promise<void> {
  await waitFor(async () => (await fetch(url)).ok, {
    timeoutMs,
    intervalMs: 250,
    description: `${proc.name} ${url}`,
  }).catch((error: unknown) => {
    throw new Error(`${proc.name} did not start:\n${proc.logTail()}`, { cause: error })
  })
}

interface TargetsResponse {
  data: { activeTargets: Array<{ labels: { job: string }; health: string; lastError: string }> }
}
interface RulesResponse {
  data: {
    groups: Array<{ name: string; rules: Array<{ name: string; health: string; lastError?: string }> }>
  }
}

describe('a real Prometheus with the rule file scrapes both monitors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-prom-'))
  const processes: StartedProcess[] = []
  let redis: RedisServer | undefined
  let promUrl: string

  const startMonitor = async (app: string, port: number, env: NodeJS.ProcessEnv) => {
    const args = ['--import', 'tsx', '--conditions=source', `apps/${app}/src/main.ts`]
    const proc = startProcess(app, process.execPath, args, {
      env,
      cwd: ROOT,
      logPath: join(dir, `${app}.log`),
    })
    processes.push(proc)
    await waitUntilOk(proc, `http://127.0.0.1:${port}/livez`, 60_000)
  }

  const prometheusConfig = (ports: Record<string, number>) =>
    [
      'global: { scrape_interval: 2s, scrape_timeout: 1s, evaluation_interval: 2s }',
      `rule_files: [${JSON.stringify(join(DEPLOY, 'alerts.rules.yml'))}]`,
      'scrape_configs:',
      ...Object.entries(ports).map(
        ([job, port]) => `  - { job_name: ${job}, static_configs: [{ targets: ["127.0.0.1:${port}"] }] }`,
      ),
      '',
    ].join('\n')

  beforeAll(async () => {
    redis = await startRedis()
    const ports: Record<string, number> = {}
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      REDIS_HOST: redis.host,
      REDIS_PORT: String(redis.port),
      // Nothing listens there: health-monitor reports InfluxDB down, which is fine for scraping.
      INFLUX_HOST: '127.0.0.1',
      INFLUX_PORT: String(await getFreePort()),
      // Never the host's engine: recovery reports itself unavailable.
      DOCKER_HOST: `unix://${join(dir, 'no-docker.sock')}`,
      LOG_LEVEL: 'ERROR',
    }
    for (const [job, app] of Object.entries(JOBS)) {
      const port = await getFreePort()
      ports[job] = port
      const portVar = app === 'health-monitor' ? 'HEALTH_MONITOR_PORT' : 'PERFORMANCE_MONITOR_PORT'
      await startMonitor(app, port, { ...env, [portVar]: String(port) })
    }
    const promPort = await getFreePort()
    promUrl = `http://127.0.0.1:${promPort}`
    const configPath = join(dir, 'prometheus.yml')
    writeFileSync(configPath, prometheusConfig(ports))
    mkdirSync(join(dir, 'tsdb'))
    const prom = startProcess(
      'prometheus',
      'prometheus',
      [
        `--config.file=${configPath}`,
        `--storage.tsdb.path=${join(dir, 'tsdb')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
      ],
      { logPath: join(dir, 'prometheus.log') },
    )
    processes.push(prom)
    await waitUntilOk(prom, `${promUrl}/-/ready`, 30_000)
  }, 150_000)

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()))
    await redis?.stop()
    rmSync(dir, { recursive: true, force: true })
  }, 60_000)

  it('scrapes both /metrics endpoints with target health up', async () => {
    const targets = await waitFor(
      async () => {
        const body = (await (await fetch(`${promUrl}/api/v1/targets`)).json()) as TargetsResponse
        const active = body.data.activeTargets
        const up = active.filter((t) => t.health === 'up')
        if (up.length === Object.keys(JOBS).length) return active
        throw new Error(active.map((t) => `${t.labels.job}: ${t.health} ${t.lastError}`).join('; '))
      },
      { timeoutMs: 30_000, intervalMs: 500, description: 'both targets up' },
    )
    expect(targets.map((t) => t.labels.job).sort()).toEqual(Object.keys(JOBS).sort())
  }, 40_000)

  it('evaluates every alerting rule against the real metrics without an error', async () => {
    const groups = await waitFor(
      async () => {
        const body = (await (await fetch(`${promUrl}/api/v1/rules`)).json()) as RulesResponse
        const rules = body.data.groups.flatMap((g) => g.rules)
        if (rules.length === 0 || rules.some((r) => r.health === 'unknown'))
          throw new Error('not evaluated yet')
        return body.data.groups
      },
      { timeoutMs: 20_000, intervalMs: 500, description: 'rules evaluated' },
    )
    expect(groups.map((g) => g.name).sort()).toEqual([
      'squeezeflow-health',
      'squeezeflow-monitors',
      'squeezeflow-performance',
    ])
    for (const rule of groups.flatMap((g) => g.rules))
      expect(rule, rule.lastError).toMatchObject({ health: 'ok' })
  }, 30_000)

  it('finds the metrics the rules are written against', async () => {
    const query = async (expr: string) => {
      const url = `${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`
      const body = (await (await fetch(url)).json()) as { data: { result: unknown[] } }
      return body.data.result.length
    }
    for (const expr of [
      'squeezeflow_service_health_status',
      'squeezeflow_last_check_cycle_timestamp_seconds',
      'squeezeflow_perf_metric_value{metric="system_cpu_percent", stat="latest"}',
      'squeezeflow_perf_metric_value{metric="system_memory_percent", stat="latest"}',
      'squeezeflow_perf_metric_value{metric="system_disk_percent", stat="latest"}',
      'squeezeflow_perf_metric_value{metric=~"(.+_)?memory_rss_mb", stat="latest"}',
    ]) {
      await waitFor(async () => (await query(expr)) > 0, {
        timeoutMs: 40_000,
        intervalMs: 1000,
        description: expr,
      })
    }
  }, 120_000)
})
