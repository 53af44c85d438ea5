import { spawnSync } from 'node:child_process'
import { readMounts } from './mountinfo.js'

/**
 * Lazily unmounts everything mounted at or below `dir`, deepest first. A dockerd that died without
 * its shutdown leaves its data-root bind mount, container netns files and (overlay2) layer mounts
 * behind, and those make removing the temp dir fail with EBUSY. Returns what stayed mounted.
 */
export function unmountUnder(dir: string): string[] {
  const inside = (mountPoint: string): boolean => mountPoint === dir || mountPoint.startsWith(`${dir}/`)
  const targets = readMounts()
    .map((m) => m.mountPoint)
    .filter(inside)
    .sort((a, b) => b.length - a.length)
  for (const target of new Set(targets)) {
    // Synchronous on purpose: this also runs from a process 'exit' handler.
    spawnSync('umount', ['-l', target], { stdio: 'ignore' })
  }
  return readMounts()
    .map((m) => m.mountPoint)
    .filter(inside)
}
