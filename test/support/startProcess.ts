import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { openSync, readFileSync } from 'node:fs'

export interface StartedProcess {
  readonly name: string
  readonly pid: number | undefined
  readonly logPath: string
  /** The last lines of its output, for failure messages. */
  logTail(lines?: number): string
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. Idempotent. */
  stop(graceMs?: number): Promise<void>
}

/** Spawns a long-running process with stdout and stderr in `logPath`; the caller waits for readiness. */
export function startProcess(
  name: string,
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; logPath: string },
): StartedProcess {
  const log = openSync(options.logPath, 'a')
  const child: ChildProcess = spawn(command, args, {
    env: options.env,
    cwd: options.cwd,
    stdio: ['ignore', log, log],
  })
  const exited = once(child, 'exit').catch(() => undefined)
  const isRunning = () => child.exitCode === null && child.signalCode === null
  return {
    name,
    pid: child.pid,
    logPath: options.logPath,
    logTail(lines = 20) {
      return readFileSync(options.logPath, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
    },
    async stop(graceMs = 10_000) {
      if (!isRunning()) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      await exited
      clearTimeout(timer)
    },
  }
}
