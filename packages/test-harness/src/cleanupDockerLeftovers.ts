import { rmSync } from 'node:fs'
import { pidsInCgroup, removeCgroup } from './cgroups.js'
import { findPidsReferencing, isAlive, killAll } from './procfs.js'
import { sleepSync } from './sleepSync.js'
import { unmountUnder } from './unmountUnder.js'

export interface DockerLeftovers {
  readonly pids: readonly number[]
  readonly mounts: readonly string[]
  readonly dirRemoved: boolean
}

const KILL_WAIT_MS = 5000

/**
 * Synchronously removes every trace of one harness dockerd: SIGKILLs its processes (dockerd,
 * containerd, containerd-shim-runc-v2 found by the temp dir in their command line; container
 * processes found by the daemon's private cgroup parent), unmounts what is mounted in its temp dir,
 * removes its cgroups and the dir. After a graceful stop there is usually nothing left to kill; after
 * a crashed test (dockerd SIGKILLed) the shims and containers outlive it, since they are not its
 * children. Synchronous so it can run from a process 'exit' handler. Reports what it could not remove.
 */
export function cleanupDockerLeftovers(dir: string, cgroupName: string): DockerLeftovers {
  const find = (): number[] => [...new Set([...findPidsReferencing(dir), ...pidsInCgroup(cgroupName)])]
  killAll(find())
  const deadline = Date.now() + KILL_WAIT_MS
  let alive = find().filter(isAlive)
  while (alive.length > 0 && Date.now() < deadline) {
    sleepSync(50)
    killAll(alive)
    alive = find().filter(isAlive)
  }
  const mounts = unmountUnder(dir)
  removeCgroup(cgroupName)
  let dirRemoved = true
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
  } catch {
    dirRemoved = false
  }
  return { pids: alive, mounts, dirRemoved }
}
