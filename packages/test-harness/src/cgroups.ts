import { readdirSync, readFileSync, rmdirSync } from 'node:fs'
import { join } from 'node:path'
import { readMounts } from './mountinfo.js'

/** Every directory named `name` at the top of a mounted cgroup (v1 controllers and v2) hierarchy. */
function cgroupDirs(name: string): string[] {
  return readMounts()
    .filter((m) => m.fsType === 'cgroup' || m.fsType === 'cgroup2')
    .map((m) => join(m.mountPoint, name))
}

function subdirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(dir, entry.name))
  } catch {
    return []
  }
}

function collectPids(dir: string, into: Set<number>): void {
  try {
    for (const line of readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n')) {
      if (line !== '') into.add(Number(line))
    }
  } catch {
    // This controller does not have the group (or it vanished): nothing to collect.
  }
  for (const sub of subdirs(dir)) collectPids(sub, into)
}

/** PIDs in the cgroup `name` or below it, in any hierarchy: a daemon's container processes. */
export function pidsInCgroup(name: string): number[] {
  const pids = new Set<number>()
  for (const dir of cgroupDirs(name)) collectPids(dir, pids)
  return [...pids]
}

function removeTree(dir: string): void {
  for (const sub of subdirs(dir)) removeTree(sub)
  try {
    // cgroup dirs are removed with rmdir alone, despite the control files they appear to hold.
    rmdirSync(dir)
  } catch {
    // Missing (never created in this hierarchy) or still busy; the caller checks what remains.
  }
}

/** Removes the (empty) cgroup `name` and its children from every hierarchy. */
export function removeCgroup(name: string): void {
  for (const dir of cgroupDirs(name)) removeTree(dir)
}
