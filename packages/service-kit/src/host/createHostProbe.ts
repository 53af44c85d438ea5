import { existsSync } from 'node:fs'
import { createOsUtilsHostProbe } from './createOsUtilsHostProbe.js'
import { createProcHostProbe } from './createProcHostProbe.js'
import type { HostProbe } from './types.js'

export interface HostProbeOptions {
  /** Where the kernel's process filesystem is mounted; tests point it elsewhere. Default `/proc`. */
  procRoot?: string
}

/**
 * The only reader of the host's CPU, memory, disk, load and network: Linux's /proc read directly where it
 * exists (every deployment), node-os-utils elsewhere.
 */
export function createHostProbe({ procRoot = '/proc' }: HostProbeOptions = {}): HostProbe {
  return existsSync(`${procRoot}/stat`) ? createProcHostProbe(procRoot) : createOsUtilsHostProbe()
}
