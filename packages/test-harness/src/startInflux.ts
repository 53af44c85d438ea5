import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInfluxHttp } from './createInfluxHttp.js'
import { createTempDir } from './createTempDir.js'
import { getFreePort } from './getFreePort.js'
import { renderInfluxConfig } from './renderInfluxConfig.js'
import { startOnFreePorts } from './startOnFreePorts.js'
import type { InfluxServer } from './types.js'

export interface StartInfluxOptions {
  /** Binary to run. Default 'influxd' from PATH. */
  readonly command?: string
  /** Default 30 000 ms. */
  readonly startTimeoutMs?: number
}

/** Starts a private influxd (1.x) with a generated config on free loopback ports; see InfluxServer. */
export async function startInflux(options: StartInfluxOptions = {}): Promise<InfluxServer> {
  const { command = 'influxd', startTimeoutMs = 30_000 } = options
  const dir = createTempDir('sqfi')
  const configPath = join(dir, 'influxdb.conf')
  const server = await startOnFreePorts({
    name: 'influxd',
    command,
    dir,
    logPath: join(dir, 'server.log'),
    startTimeoutMs,
    stopGraceMs: 10_000,
    prepare: async (host, httpPort) => {
      let rpcPort = await getFreePort()
      while (rpcPort === httpPort) rpcPort = await getFreePort()
      writeFileSync(configPath, renderInfluxConfig({ dir, host, httpPort, rpcPort }))
      const url = `http://${host}:${httpPort}`
      return { url, args: ['-config', configPath], probe: createInfluxHttp(url).ping }
    },
  })
  const { query, write } = createInfluxHttp(server.url)
  // Assign onto the server rather than spread it: spreading would freeze its pid/lastStartMs getters.
  return Object.assign(server, { query, write })
}
