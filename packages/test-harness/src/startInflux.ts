import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInfluxHttp } from './createInfluxHttp.js'
import { createServerLifecycle } from './createServerLifecycle.js'
import { createTempDir } from './createTempDir.js'
import { getFreePort } from './getFreePort.js'
import { isAddressInUse } from './isAddressInUse.js'
import { renderInfluxConfig } from './renderInfluxConfig.js'
import type { InfluxServer } from './types.js'

export interface StartInfluxOptions {
  /** Binary to run. Default 'influxd' from PATH. */
  readonly command?: string
  /** Default 30 000 ms. */
  readonly startTimeoutMs?: number
}

const HOST = '127.0.0.1'
const PORT_ATTEMPTS = 3

/** Starts a private influxd (1.x) with a generated config on free loopback ports; see InfluxServer. */
export async function startInflux(options: StartInfluxOptions = {}): Promise<InfluxServer> {
  const { command = 'influxd', startTimeoutMs = 30_000 } = options
  const dir = createTempDir('sqfi')
  const logPath = join(dir, 'server.log')
  const configPath = join(dir, 'influxdb.conf')
  for (let attempt = 1; ; attempt++) {
    const httpPort = await getFreePort()
    let rpcPort = await getFreePort()
    while (rpcPort === httpPort) rpcPort = await getFreePort()
    writeFileSync(configPath, renderInfluxConfig({ dir, host: HOST, httpPort, rpcPort }))
    const url = `http://${HOST}:${httpPort}`
    const http = createInfluxHttp(url)
    const lifecycle = createServerLifecycle({
      name: 'influxd',
      command,
      args: ['-config', configPath],
      dir,
      logPath,
      probe: http.ping,
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
      port: httpPort,
      url,
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
      query: http.query,
      write: http.write,
    }
  }
}
