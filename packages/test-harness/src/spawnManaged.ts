import { spawn } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { registerExitCleanup } from './registerExitCleanup.js'

export interface ExitInfo {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  /** Set when the process could not be spawned at all (e.g. ENOENT). */
  readonly error?: Error
}

/** A child process whose output goes to a log file and which dies with the test process. */
export interface ManagedProcess {
  readonly pid: number
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<ExitInfo>
  isRunning(): boolean
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. Idempotent. */
  terminate(graceMs: number): Promise<ExitInfo>
  /** SIGKILL; resolves once the process is gone. Idempotent. */
  kill(): Promise<ExitInfo>
}

export interface SpawnManagedOptions {
  readonly logPath: string
  readonly cwd?: string
}

/**
 * Spawns `command` with stdout and stderr appended to `logPath`. The child writes to the file
 * itself, so its log is complete even when the test process is busy or dies.
 */
export function spawnManaged(
  command: string,
  args: readonly string[],
  options: SpawnManagedOptions,
): ManagedProcess {
  const logFd = openSync(options.logPath, 'a')
  const child = (() => {
    try {
      return spawn(command, args, { cwd: options.cwd, detached: false, stdio: ['ignore', logFd, logFd] })
    } finally {
      closeSync(logFd)
    }
  })()
  let exitInfo: ExitInfo | undefined
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal }
      resolve(exitInfo)
    })
    // ENOENT and friends: 'exit' may never come, so settle here too.
    child.once('error', (error) => {
      exitInfo ??= { code: null, signal: null, error }
      resolve(exitInfo)
    })
  })
  const unregister = registerExitCleanup(() => {
    if (exitInfo === undefined) child.kill('SIGKILL')
  })
  void exited.then(unregister)

  const signal = (name: NodeJS.Signals): void => {
    if (exitInfo !== undefined) return
    try {
      child.kill(name)
    } catch {
      // Already reaped between the check and the kill: nothing left to signal.
    }
  }

  return {
    pid: child.pid ?? -1,
    exited,
    isRunning: () => exitInfo === undefined && child.pid !== undefined,
    async terminate(graceMs) {
      signal('SIGTERM')
      const result = await Promise.race([exited, sleep(graceMs, undefined, { ref: false })])
      if (result !== undefined) return result
      signal('SIGKILL')
      return exited
    },
    kill() {
      signal('SIGKILL')
      return exited
    },
  }
}
