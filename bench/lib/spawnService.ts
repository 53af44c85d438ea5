import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { readLocalRunSettings, waitFor } from '@squeezeflow/test-harness'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface BenchProcess {
  readonly name: string
  readonly pid: number
  readonly url: string
  stop(): Promise<void>
}

async function started(name: string, child: ChildProcess, url: string, path: string): Promise<BenchProcess> {
  if (child.pid === undefined) throw new Error(`${name} did not start`)
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`)
      return (await fetch(url + path).catch(() => undefined))?.ok === true
    },
    { timeoutMs: 30_000, description: `${name} answers ${path}` },
  )
  return {
    name,
    pid: child.pid,
    url,
    async stop() {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      await once(child, 'exit')
    },
  }
}

type MonitorApp = 'health-monitor' | 'performance-monitor'

/**
 * The Node flags that give a monitor the heap it has in its container, as `start_monitoring.sh --local` runs it
 * (scripts/lib/local_node_flags says why). BENCH_MONITOR_NODE_FLAGS replaces them for both, e.g. with '' for V8's
 * defaults on this host.
 */
function nodeFlags(app: MonitorApp): string[] {
  const override = process.env.BENCH_MONITOR_NODE_FLAGS
  if (override !== undefined) return override.split(' ').filter((f) => f !== '')
  return readLocalRunSettings().nodeFlags(app)
}

/** Runs one of the built monitors (its bundle, `apps/<app>/dist/bundle/main.mjs`) as its own process, as in production. */
export function spawnMonitor(
  app: MonitorApp,
  port: number,
  env: Record<string, string>,
): Promise<BenchProcess> {
  const portVariable = app === 'health-monitor' ? 'HEALTH_MONITOR_PORT' : 'PERFORMANCE_MONITOR_PORT'
  const child = spawn(process.execPath, [...nodeFlags(app), `${ROOT}apps/${app}/dist/bundle/main.mjs`], {
    env: {
      ...process.env,
      ...readLocalRunSettings().environment,
      LOG_LEVEL: 'WARNING',
      ...env,
      [portVariable]: String(port),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  return started(app, child, `http://127.0.0.1:${port}`, '/livez')
}

/** The baseline: a bare node:http server answering a fixed body, doing nothing else. */
export function spawnBareServer(port: number): Promise<BenchProcess> {
  const script = `require('node:http').createServer((q, s) => s.end('{"status":"healthy"}')).listen(${port})`
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'inherit'] })
  return started('bare node:http', child, `http://127.0.0.1:${port}`, '/')
}
