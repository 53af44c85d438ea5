import { rmSync } from 'node:fs'
import { registerExitCleanup } from './registerExitCleanup.js'
import type { ManagedProcess } from './spawnManaged.js'
import { spawnUntilReady } from './spawnUntilReady.js'

export interface ServerLifecycleOptions {
  /** Used in error messages, e.g. 'redis-server'. */
  readonly name: string
  readonly command: string
  readonly args: readonly string[]
  readonly dir: string
  readonly logPath: string
  /** Resolves true once the server answers; may throw while it does not. */
  readonly probe: () => Promise<boolean>
  readonly startTimeoutMs: number
  /** How long a graceful stop may take before SIGKILL. */
  readonly stopGraceMs: number
}

export interface ServerLifecycle {
  readonly pid: number | undefined
  readonly lastStartMs: number
  /** Spawns and waits for the probe; on failure the process is killed and a HarnessStartError thrown. */
  start(): Promise<void>
  kill(): Promise<void>
  restart(): Promise<void>
  /** Graceful stop, then removes `dir`. Idempotent. */
  stop(): Promise<void>
}

/** Start / kill / restart / stop of one server process in its own dir, shared by redis and influx. */
export function createServerLifecycle(options: ServerLifecycleOptions): ServerLifecycle {
  let current: ManagedProcess | undefined
  let lastStartMs = 0
  let stopped = false
  // If the test process dies without stop(), spawnManaged's own exit cleanup SIGKILLs the child;
  // this one also removes the dir (and kills too: the signal is sent synchronously).
  const unregister = registerExitCleanup(() => {
    void current?.kill()
    rmSync(options.dir, { recursive: true, force: true })
  })

  const start = async (): Promise<void> => {
    if (stopped) throw new Error(`${options.name} was stopped; start a new one instead`)
    if (current?.isRunning()) throw new Error(`${options.name} is already running (pid ${current.pid})`)
    const ready = await spawnUntilReady({ ...options, cwd: options.dir })
    current = ready.proc
    lastStartMs = ready.startMs
  }

  const terminate = async (): Promise<void> => {
    await current?.terminate(options.stopGraceMs)
  }

  return {
    get pid() {
      return current?.isRunning() ? current.pid : undefined
    },
    get lastStartMs() {
      return lastStartMs
    },
    start,
    async kill() {
      await current?.kill()
    },
    async restart() {
      await terminate()
      await start()
    },
    async stop() {
      stopped = true
      await terminate()
      rmSync(options.dir, { recursive: true, force: true })
      unregister()
    },
  }
}
