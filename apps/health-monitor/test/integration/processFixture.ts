import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url))

export interface MonitorProcess {
  child: ChildProcess
  output(): { stdout: string; stderr: string }
  /** GET on the process's HTTP port (`HEALTH_MONITOR_PORT` of its env), JSON body. */
  get(path: string): Promise<{ status: number; body: Record<string, unknown> }>
  /** SIGKILL (a crash: no shutdown step runs) or another signal, and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<number | null>
}

/** health-monitor's main.ts as its own process, with only PATH and `env` in its environment. */
export function startProcess(env: Record<string, string>): MonitorProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk) => (stdout += chunk))
  child.stderr?.on('data', (chunk) => (stderr += chunk))
  const base = `http://127.0.0.1:${env.HEALTH_MONITOR_PORT}`
  return {
    child,
    output: () => ({ stdout, stderr }),
    async get(path) {
      const response = await fetch(`${base}${path}`)
      return { status: response.status, body: (await response.json()) as Record<string, unknown> }
    },
    async kill(signal = 'SIGKILL') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
      const exited = once(child, 'exit')
      child.kill(signal)
      const [code] = (await exited) as [number | null]
      return code
    },
  }
}
