import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createTempDir } from './createTempDir.js'
import { startOnFreePorts } from './startOnFreePorts.js'
import type { HarnessServer } from './types.js'

export interface StartAlertmanagerOptions {
  /** alertmanager.yml content, written into the server's temp dir. */
  readonly config: string
  /** Binary to run. Default 'prometheus-alertmanager' (the Debian package's name) from PATH. */
  readonly command?: string
  /** Default 15 000 ms. */
  readonly startTimeoutMs?: number
}

async function isReady(url: string): Promise<boolean> {
  const response = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) })
  await response.body?.cancel()
  return response.ok
}

/**
 * Starts a single-node Alertmanager (clustering off) with the given config and its own storage dir, on a
 * free loopback port; see HarnessServer. `url` is its base URL (`POST <url>/api/v2/alerts`).
 */
export async function startAlertmanager(options: StartAlertmanagerOptions): Promise<HarnessServer> {
  const { config, command = 'prometheus-alertmanager', startTimeoutMs = 15_000 } = options
  const dir = createTempDir('sqfa')
  const configPath = join(dir, 'alertmanager.yml')
  writeFileSync(configPath, config)
  return startOnFreePorts({
    name: 'alertmanager',
    command,
    dir,
    logPath: join(dir, 'server.log'),
    startTimeoutMs,
    stopGraceMs: 10_000,
    prepare: (host, port) => {
      const url = `http://${host}:${port}`
      return {
        url,
        args: [
          `--config.file=${configPath}`,
          `--storage.path=${join(dir, 'data')}`,
          `--web.listen-address=${host}:${port}`,
          // Empty: no gossip port, so a test's Alertmanager never joins or waits for peers.
          '--cluster.listen-address=',
          '--log.level=info',
        ],
        probe: () => isReady(url),
      }
    },
  })
}
