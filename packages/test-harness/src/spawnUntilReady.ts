import { setTimeout as sleep } from 'node:timers/promises'
import { HarnessStartError } from './errors.js'
import { readLogTail } from './readLogTail.js'
import { type ManagedProcess, spawnManaged } from './spawnManaged.js'

export interface SpawnUntilReadyOptions {
  /** Used in error messages, e.g. 'redis-server'. */
  readonly name: string
  readonly command: string
  readonly args: readonly string[]
  readonly cwd: string
  readonly logPath: string
  /** Resolves true once the server answers; may throw while it does not. */
  readonly probe: () => Promise<boolean>
  readonly startTimeoutMs: number
}

export interface ReadyProcess {
  readonly proc: ManagedProcess
  /** Milliseconds from spawn until the probe answered. */
  readonly startMs: number
}

const PROBE_INTERVAL_MS = 50

/**
 * Spawns a server and polls `probe` until it answers. Fails fast when the process exits (a bad
 * option, a taken port) instead of waiting out the timeout; on any failure the process is killed
 * and a HarnessStartError carries the tail of its log.
 */
export async function spawnUntilReady(options: SpawnUntilReadyOptions): Promise<ReadyProcess> {
  const { name, logPath, startTimeoutMs } = options
  const startedAt = performance.now()
  const proc = spawnManaged(options.command, options.args, { logPath, cwd: options.cwd })
  const fail = async (message: string, cause?: unknown): Promise<never> => {
    await proc.kill()
    throw new HarnessStartError(message, logPath, readLogTail(logPath), { cause })
  }
  const deadline = Date.now() + startTimeoutMs
  let lastError: unknown
  for (;;) {
    if (!proc.isRunning()) {
      const exit = await proc.exited
      const how = exit.error
        ? `could not be spawned (${exit.error.message})`
        : `exited (${exit.signal ?? exit.code})`
      return fail(`${name} ${how} before it was ready`, exit.error)
    }
    try {
      if (await options.probe()) return { proc, startMs: Math.round(performance.now() - startedAt) }
    } catch (error) {
      lastError = error
    }
    if (Date.now() >= deadline) return fail(`${name} not ready within ${startTimeoutMs} ms`, lastError)
    await sleep(PROBE_INTERVAL_MS)
  }
}
