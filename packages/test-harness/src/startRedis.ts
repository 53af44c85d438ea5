import { join } from 'node:path'
import { createTempDir } from './createTempDir.js'
import { pingRedis } from './pingRedis.js'
import { startOnFreePorts } from './startOnFreePorts.js'
import type { RedisServer } from './types.js'

export interface StartRedisOptions {
  /** Binary to run. Default 'redis-server' from PATH. */
  readonly command?: string
  /** Extra `--name value` arguments, appended after the harness's own. */
  readonly extraArgs?: readonly string[]
  /** Default 15 000 ms. */
  readonly startTimeoutMs?: number
}

function redisArgs(host: string, port: number, dir: string, extraArgs: readonly string[]): string[] {
  const settings: Record<string, string> = {
    port: String(port),
    bind: host,
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
  return startOnFreePorts({
    name: 'redis-server',
    command,
    dir,
    logPath: join(dir, 'server.log'),
    startTimeoutMs,
    stopGraceMs: 10_000,
    prepare: (host, port) => ({
      url: `redis://${host}:${port}`,
      args: redisArgs(host, port, dir, extraArgs),
      probe: () => pingRedis(host, port),
    }),
  })
}
