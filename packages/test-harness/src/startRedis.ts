import { join } from 'node:path'
import { createServerLifecycle } from './createServerLifecycle.js'
import { createTempDir } from './createTempDir.js'
import { getFreePort } from './getFreePort.js'
import { isAddressInUse } from './isAddressInUse.js'
import { pingRedis } from './pingRedis.js'
import type { RedisServer } from './types.js'

export interface StartRedisOptions {
  /** Binary to run. Default 'redis-server' from PATH. */
  readonly command?: string
  /** Extra `--name value` arguments, appended after the harness's own. */
  readonly extraArgs?: readonly string[]
  /** Default 15 000 ms. */
  readonly startTimeoutMs?: number
}

const HOST = '127.0.0.1'
const PORT_ATTEMPTS = 3

function redisArgs(port: number, dir: string, extraArgs: readonly string[]): string[] {
  const settings: Record<string, string> = {
    port: String(port),
    bind: HOST,
    dir,
    // No persistence: tests want a clean server, and a kill must leave no dump for a restart to load.
    save: '',
    appendonly: 'no',
    // Protected mode refuses clients when bind is changed (via extraArgs) without a password.
    'protected-mode': 'no',
    daemonize: 'no',
    // Empty logfile = stdout, which spawnManaged appends to server.log.
    logfile: '',
  }
  return [...Object.entries(settings).flatMap(([name, value]) => [`--${name}`, value]), ...extraArgs]
}

/** Starts a private redis-server on a free loopback port; see RedisServer. */
export async function startRedis(options: StartRedisOptions = {}): Promise<RedisServer> {
  const { command = 'redis-server', extraArgs = [], startTimeoutMs = 15_000 } = options
  const dir = createTempDir('sqfr')
  const logPath = join(dir, 'server.log')
  for (let attempt = 1; ; attempt++) {
    const port = await getFreePort()
    const lifecycle = createServerLifecycle({
      name: 'redis-server',
      command,
      args: redisArgs(port, dir, extraArgs),
      dir,
      logPath,
      probe: () => pingRedis(HOST, port),
      startTimeoutMs,
      stopGraceMs: 10_000,
    })
    try {
      await lifecycle.start()
    } catch (error) {
      if (isAddressInUse(error) && attempt < PORT_ATTEMPTS) continue
      await lifecycle.stop()
      throw error
    }
    return {
      host: HOST,
      port,
      url: `redis://${HOST}:${port}`,
      dir,
      logPath,
      get pid() {
        return lifecycle.pid
      },
      get lastStartMs() {
        return lifecycle.lastStartMs
      },
      stop: lifecycle.stop,
      kill: lifecycle.kill,
      restart: lifecycle.restart,
    }
  }
}
