import { createServerLifecycle, type ServerLifecycleOptions } from './createServerLifecycle.js'
import { getFreePort } from './getFreePort.js'
import { isAddressInUse } from './isAddressInUse.js'
import type { HarnessServer } from './types.js'

const HOST = '127.0.0.1'
const PORT_ATTEMPTS = 3

/** How to run and probe a server bound to one attempt's port(s). */
export interface ServerOnPort {
  readonly url: string
  readonly args: readonly string[]
  readonly probe: () => Promise<boolean>
}

export interface StartOnFreePortsOptions extends Omit<ServerLifecycleOptions, 'args' | 'probe'> {
  /**
   * Called once per attempt with a fresh free `port` (the server's `port`); may pick further ports
   * itself and write config into `dir`.
   */
  readonly prepare: (host: string, port: number) => ServerOnPort | Promise<ServerOnPort>
}

/**
 * Starts a server on a free loopback port, with a fresh port when another process took it before
 * the bind (up to 3 attempts); see HarnessServer.
 */
export async function startOnFreePorts(options: StartOnFreePortsOptions): Promise<HarnessServer> {
  const { prepare, ...lifecycleOptions } = options
  for (let attempt = 1; ; attempt++) {
    const port = await getFreePort()
    const { url, args, probe } = await prepare(HOST, port)
    const lifecycle = createServerLifecycle({ ...lifecycleOptions, args, probe })
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
      url,
      dir: options.dir,
      logPath: options.logPath,
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
